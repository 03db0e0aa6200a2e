import { describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import postgres from 'postgres';
import { tenantScopedTables } from '@/db/grants';
import { deleteTenantData, getTenantExportFile, listTenantExports, requestTenantExport } from '@/lib/data/platform/offboarding';
import { setTenantStatus } from '@/lib/data/registry';
import { unsafeRunTenantExport } from '@/lib/data/internal/tenant-export';
import { unsafeSealTenantAudit, unsafeVerifyTenantAudit } from '@/lib/data/internal/audit-seal';
import { contextFor, owner, tenantId } from '../support/world';

const ops = () => contextFor('platform', 'ops@platform.example');

describe('tenant export', () => {
  it("a platform operator's export is a job: a ZIP of the tenant's own rows, one CSV per table, without secrets", async () => {
    const northwind = await tenantId('northwind');
    // Credentials the tenant holds: an API key and a webhook endpoint, whose secrets stay out of the export.
    await owner()`insert into api_keys (tenant_id, name, secret_hash, permissions, user_id, created_by_label)
      select tenant_id, 'Export probe', 'hash-that-must-not-leave', '{users.read}', id, email from users where email = 'admin@northwind.example'`;
    await owner()`insert into webhook_endpoints (tenant_id, url, event_types, secret, previous_secret, created_by_label)
      values (${northwind}, 'https://hooks.example.com/probe', '{ticket.created}', 'whsec_must-not-leave', 'whsec_old-must-not-leave', 'probe')`;
    const requested = await requestTenantExport(await ops(), { id: northwind });
    expect(requested).toMatchObject({ status: 'queued', requestedBy: 'ops@platform.example' });
    // The job the request queued (in its transaction) names the tenant and the export.
    const [job] = await owner()`select data from pgboss.job where name = 'tenant-export' and data->>'exportId' = ${requested.id}`;
    expect(job!.data).toEqual({ tenantId: northwind, exportId: requested.id });
    await expect(getTenantExportFile(await ops(), { id: northwind, exportId: requested.id })).rejects.toMatchObject({ code: 'CONFLICT' });

    expect(await unsafeRunTenantExport(job!.data as never)).toMatchObject({ status: 'done' });
    expect(await unsafeRunTenantExport(job!.data as never)).toEqual({ exportId: requested.id, status: 'not queued' });
    const [listed] = await listTenantExports(await ops(), { id: northwind });
    expect(listed).toMatchObject({ id: requested.id, status: 'done' });

    const file = await getTenantExportFile(await ops(), { id: northwind, exportId: requested.id });
    expect(file.fileName).toMatch(/^northwind-export-\d{4}-\d{2}-\d{2}\.zip$/);
    const files = unzipSync(new Uint8Array(file.data));
    const csv = (name: string) => strFromU8(files[name]!);
    // Not in it: other exports (their jobs' files), replay keys and one-time codes.
    for (const table of tenantScopedTables.filter((t) => !['tenant_exports', 'idempotency_keys', 'subscription_codes', 'export_chunks'].includes(t))) expect(Object.keys(files)).toContain(`${table}.csv`);
    expect(Object.keys(files)).not.toContain('export_chunks.csv');
    expect(csv('users.csv')).toContain('basic@northwind.example');
    expect(csv('users.csv').split('\n')[0]).not.toContain('password_hash');
    expect(csv('kyc_files.csv').split('\n')[0]).not.toMatch(/(^|,)data(,|$)/);
    expect(csv('api_keys.csv')).toContain('Export probe');
    expect(csv('webhook_endpoints.csv')).toContain('https://hooks.example.com/probe');
    expect(Object.values(files).map((f) => strFromU8(f)).join('\n')).not.toMatch(/must-not-leave/);
    expect(csv('subscriptions.csv')).toContain('signed');
    // Only northwind: globex's Pat and its plans are not in it; every tenant_id cell is northwind's.
    expect(Object.values(files).map((f) => strFromU8(f)).join('\n')).not.toContain('Globex Home');
    const users = csv('users.csv').trim().split('\n');
    const tenantColumn = users[0]!.split(',').indexOf('tenant_id');
    expect(new Set(users.slice(1).map((l) => l.split(',')[tenantColumn]))).toEqual(new Set([northwind]));
    const nUsers = (await owner()`select count(*)::int as n from users where tenant_id = ${northwind}`)[0]!.n;
    expect(users.length - 1).toBe(nUsers);

    const audits = await owner()`select tenant_id = ${northwind} as target, action from audit_events where resource_id in (${requested.id}, ${northwind}) and action like 'tenant.export%' order by seq`;
    expect(audits.map((a) => `${a.target ? 'northwind' : 'platform'}:${a.action}`)).toEqual(
      expect.arrayContaining(['northwind:tenant.export_requested', 'platform:tenant.export_requested', 'northwind:tenant.export_built', 'northwind:tenant.export_downloaded', 'platform:tenant.export_downloaded']),
    );
  });

  it('is for platform operators only; an unknown tenant is not found', async () => {
    const admin = await contextFor('northwind', 'admin@northwind.example');
    await expect(requestTenantExport(admin, { id: await tenantId('northwind') })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(requestTenantExport(await ops(), { id: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await owner()`select 1 from tenant_exports`).toHaveLength(0);
  });
});

describe('tenant deletion', () => {
  it('30 days after the stop, with the slug typed, deletes every row but the audit trail, whose chain still verifies', async () => {
    const fabrikam = await tenantId('fabrikam');
    await expect(deleteTenantData(await ops(), { id: fabrikam, confirm: 'fabrikam' })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/Stop Fabrikam Telecom first/) });
    await setTenantStatus(await ops(), { id: fabrikam, status: 'stopped' });
    await unsafeSealTenantAudit(fabrikam);
    await expect(deleteTenantData(await ops(), { id: fabrikam, confirm: 'fabrikam' })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/less than 30 days/) });
    await owner()`update tenants set stopped_at = now() - interval '31 days' where id = ${fabrikam}`;
    await expect(deleteTenantData(await ops(), { id: fabrikam, confirm: 'Fabrikam' })).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    const admin = await contextFor('northwind', 'admin@northwind.example');
    await expect(deleteTenantData(admin, { id: fabrikam, confirm: 'fabrikam' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await owner()`select count(*)::int as n from users where tenant_id = ${fabrikam}`)[0]!.n).toBeGreaterThan(0);

    const auditBefore = (await owner()`select count(*)::int as n from audit_events where tenant_id = ${fabrikam}`)[0]!.n as number;
    const { deletedRows } = await deleteTenantData(await ops(), { id: fabrikam, confirm: 'fabrikam' });
    expect(deletedRows).toBeGreaterThan(100);
    for (const table of tenantScopedTables) {
      const [{ n }] = (await owner().unsafe(`select count(*)::int as n from ${table} where tenant_id = $1`, [fabrikam])) as unknown as [{ n: number }];
      if (table.startsWith('audit_')) expect(n, table).toBeGreaterThan(0);
      else expect(n, table).toBe(0);
    }
    // Its audit trail: what it was, plus the deletion; the sealed chain still verifies.
    expect((await owner()`select count(*)::int as n from audit_events where tenant_id = ${fabrikam}`)[0]!.n).toBe(auditBefore + 1);
    await unsafeSealTenantAudit(fabrikam);
    expect(await unsafeVerifyTenantAudit(fabrikam)).toMatchObject({ ok: true });
    const [registry] = await owner()`select status, deleted_at is not null as deleted, contact_email from tenants where id = ${fabrikam}`;
    expect(registry).toEqual({ status: 'stopped', deleted: true, contact_email: null });
    // Never again: not reactivated, not deleted twice; other tenants untouched.
    await expect(setTenantStatus(await ops(), { id: fabrikam, status: 'active' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(deleteTenantData(await ops(), { id: fabrikam, confirm: 'fabrikam' })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/already deleted/) });
    expect((await owner()`select count(*)::int as n from users where tenant_id = ${await tenantId('northwind')}`)[0]!.n).toBeGreaterThan(100);
  });

  it('the runtime role cannot empty a tenant table by itself, and the function refuses before the 30 days whoever calls it', async () => {
    const fabrikam = await tenantId('fabrikam');
    await setTenantStatus(await ops(), { id: fabrikam, status: 'stopped' });
    const app = postgres(process.env.DATABASE_APP_URL!, { max: 1, onnotice: () => {} });
    try {
      await expect(app.begin(async (tx) => {
        await tx`select set_config('app.tenant_id', ${fabrikam}, true), set_config('app.tenant_ids', ${`{${fabrikam}}`}, true)`;
        await tx`delete from subscriptions where tenant_id = ${fabrikam}`;
      })).rejects.toMatchObject({ code: '42501' });
      const [r] = await app`select portal_delete_tenant_data(${fabrikam}, 30) as r`;
      expect(r!.r).toMatchObject({ outcome: 'too_early' });
    } finally {
      await app.end();
    }
    expect((await owner()`select count(*)::int as n from users where tenant_id = ${fabrikam}`)[0]!.n).toBeGreaterThan(0);
  });
});
