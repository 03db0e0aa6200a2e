import { describe, expect, it } from 'vitest';
import { consolidatedInvoices, listInvoices, startConsolidatedInvoiceExport, startInvoiceExport } from '@/lib/data/billing';
import { cancelMyExport, downloadMyExport, getMyExport, listMyExports } from '@/lib/data/exports';
import { unsafeBuildExport } from '@/lib/data/internal/export-build';
import { contextsFor } from '@/lib/data/tenancy';
import { buildAndDownload } from '../support/exports';
import { ALICE, contextFor, owner, tenantId } from '../support/world';

const admin = () => contextFor('northwind', 'admin@northwind.example');
const clerk = () => contextFor('northwind', 'billing@northwind.example');
const rowsOf = (csv: string) => csv.trim().split('\n').slice(1);

describe('export jobs', () => {
  it('export exactly the filtered list, in chunks, with formulas defused', async () => {
    const ctx = await clerk();
    // A customer whose name is a formula.
    await owner()`update users set name = '=HYPERLINK("http://evil.example","x")' where email = 'company@northwind.example'`;
    // And one whose name is multi-byte UTF-8 (chunks are stored as text's bytes, cut at line ends).
    await owner()`update users set name = 'Åsa Ødegård 日本語' where email = 'advanced@northwind.example'`;
    const filters = { status: 'paid' as const, from_date: '2000-01-01' };
    let cursor: string | undefined;
    const listed: string[] = [];
    do {
      const page = await listInvoices(ctx, { ...filters, limit: 100, cursor });
      listed.push(...page.items.map((i) => i.number!));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const started = await startInvoiceExport(ctx, filters);
    expect(started).toMatchObject({ status: 'queued', downloadUrl: null, kind: 'invoices' });
    // Small chunks, so the file spans several.
    const csv = await buildAndDownload(ctx, started, { chunkBytes: 4096 });
    const done = await getMyExport(ctx, { id: started.id });
    expect(done).toMatchObject({ status: 'ready', totalRows: listed.length, doneRows: listed.length, sizeBytes: Buffer.byteLength(csv) });
    const tenant = await tenantId('northwind');
    const [chunks] = await owner()`select count(*)::int as n, max(length(data))::int as biggest from export_chunks where export_id = ${started.id}`;
    expect(chunks!.n).toBeGreaterThan(2);
    void tenant;
    expect(csv.split('\n')[0]).toBe('invoice_number,tenant,customer_name,customer_email,status,overdue,currency,subtotal_minor,tax_minor,total_minor,paid_minor,balance_minor,invoice_date,due_date,period_start,period_end,paid_at');
    const rows = rowsOf(csv);
    expect(rows.map((r) => r.split(',')[0])).toEqual(listed);
    expect(rows.every((r) => r.includes(',paid,'))).toBe(true);
    const cora = rows.filter((r) => r.includes('company@northwind.example'));
    expect(cora.length).toBeGreaterThan(0);
    expect(cora[0]).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    const ada = rows.filter((r) => r.includes('advanced@northwind.example'));
    expect(ada.length).toBeGreaterThan(0);
    expect(ada.every((r) => r.includes(',Åsa Ødegård 日本語,'))).toBe(true);
    // Downloaded and started: audited.
    const [audit] = await owner()`select count(*)::int as n from audit_events where action in ('invoices.export', 'export.download') and resource_id = ${started.id}`;
    expect(audit!.n).toBe(2);
  });

  it('a consolidated export covers the billable tenants only and equals the consolidated list', async () => {
    const alice = await contextFor(...ALICE);
    const started = await startConsolidatedInvoiceExport(alice, { status: 'overdue' });
    const csv = await buildAndDownload(alice, started);
    const list = await consolidatedInvoices(alice, { status: 'overdue', limit: 100 });
    expect(rowsOf(csv).map((r) => r.split(',')[0]).sort()).toEqual(list.items.map((i) => i.number).sort());
    expect(rowsOf(csv).every((r) => r.split(',')[1] === 'Northwind Fiber')).toBe(true);
    await expect(startConsolidatedInvoiceExport(alice, { tenant_ids: [await tenantId('contoso')] })).rejects.toMatchObject({ code: 'TENANT_ACCESS_DENIED' });
  });

  it('the download re-checks access: another user, an ended link, an expired file', async () => {
    const alice = await contextFor(...ALICE);
    const started = await startConsolidatedInvoiceExport(alice, {});
    await unsafeBuildExport({ tenantId: alice.homeTenant.id, exportId: started.id });
    const sam = await contextFor('acme-msp', 'sam@acme-msp.example');
    await expect(downloadMyExport(sam, { id: started.id }, (ids) => contextsFor(sam, ids))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getMyExport(sam, { id: started.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // The link to northwind is revoked: the file goes with it.
    await owner()`update partner_tenant_links set status = 'revoked' where managed_tenant_id = ${await tenantId('northwind')} and status = 'active'`;
    await expect(downloadMyExport(alice, { id: started.id }, (ids) => contextsFor(alice, ids))).rejects.toMatchObject({ code: 'TENANT_ACCESS_DENIED', details: { tenantIds: [await tenantId('northwind')] } });
    await owner()`update export_jobs set expires_at = now() - interval '1 second' where id = ${started.id}`;
    await expect(downloadMyExport(alice, { id: started.id }, (ids) => contextsFor(alice, ids))).rejects.toMatchObject({ code: 'EXPORT_EXPIRED' });
    expect((await getMyExport(alice, { id: started.id })).status).toBe('expired');
  });

  it('at most 10 an hour per user, with when to retry; nothing is written past the limit', async () => {
    const ctx = await clerk();
    for (let i = 0; i < 10; i++) await startInvoiceExport(ctx, {});
    const before = (await owner()`select count(*)::int as n from export_jobs`)[0]!.n;
    await expect(startInvoiceExport(ctx, {})).rejects.toMatchObject({ code: 'RATE_LIMIT_EXCEEDED', details: { retryAfterSeconds: expect.any(Number) } });
    expect((await owner()`select count(*)::int as n from export_jobs`)[0]!.n).toBe(before);
    // Another user is not limited by the clerk's exports.
    await expect(startInvoiceExport(await admin(), {})).resolves.toMatchObject({ status: 'queued' });
  });

  it('a cancelled export stops; a builder that died is replaced by the rerun, with no duplicate row', async () => {
    const ctx = await clerk();
    const cancelled = await startInvoiceExport(ctx, {});
    expect(await cancelMyExport(ctx, { id: cancelled.id })).toMatchObject({ status: 'cancelled' });
    expect(await unsafeBuildExport({ tenantId: ctx.homeTenant.id, exportId: cancelled.id })).toMatchObject({ status: 'not queued' });
    await expect(cancelMyExport(ctx, { id: cancelled.id })).rejects.toMatchObject({ code: 'CONFLICT' });

    // A builder died half-way: the row says running, with some chunks written.
    const started = await startInvoiceExport(ctx, {});
    await owner()`update export_jobs set status = 'running', attempt = 1, done_rows = 7 where id = ${started.id}`;
    await owner()`insert into export_chunks (tenant_id, export_id, seq, data) values (${ctx.homeTenant.id}, ${started.id}, 0, ${Buffer.from('half,a,file\n')})`;
    const csv = await buildAndDownload(ctx, started, { chunkBytes: 2048 });
    const numbers = rowsOf(csv).map((r) => r.split(',')[0]);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(csv).not.toContain('half,a,file');
    expect((await getMyExport(ctx, { id: started.id })).doneRows).toBe(numbers.length);
    expect((await listMyExports(ctx)).map((e) => e.id)).toContain(started.id);
  });
});
