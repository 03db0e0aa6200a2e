import { describe, expect, it } from 'vitest';
import { enabledFeatures, featureOnSql, isEnabled, listTenantFeatures, setEarlyAccess, setFeatureStage, setTenantFeature } from '@/lib/data/features';
import { decideFeature, featureStages } from '@/lib/config/features';
import { sql } from 'drizzle-orm';
import { inTenantScope } from '@/lib/data/tx';
import { createTicket, listTickets } from '@/lib/data/tickets';
import { startUsersExport } from '@/lib/data/users';
import { buildAndDownload } from '../support/exports';
import { contextFor, owner, tenantId } from '../support/world';

const admin = (slug: string) => contextFor(slug, `admin@${slug}.example`);
const ops = () => contextFor('platform', 'ops@platform.example');

describe('features', () => {
  it('starts from the demo catalogue: tickets ga, bulk_export beta for acme-msp only, ai_assistant off', async () => {
    expect([...(await enabledFeatures(await admin('acme-msp')))].sort()).toEqual(['bulk_export', 'tickets']);
    expect([...(await enabledFeatures(await admin('northwind')))]).toEqual(['tickets']);
    const listed = await listTenantFeatures(await admin('northwind'));
    expect(listed.find((f) => f.key === 'bulk_export')).toMatchObject({ stage: 'beta', enabled: false, reason: 'beta_without_early_access', mayToggle: false });
    expect(listed.find((f) => f.key === 'ai_assistant')).toMatchObject({ stage: 'off', enabled: false, reason: 'stage_off' });
  });

  it('a tenant admin turns a feature off: its API answers 404 FEATURE_DISABLED, audited with before and after', async () => {
    const ctx = await admin('northwind');
    expect((await listTickets(ctx, {})).items.length).toBeGreaterThan(0);
    await setTenantFeature(ctx, { key: 'tickets', enabled: false });
    const next = await admin('northwind');
    expect(await isEnabled(next, 'tickets')).toBe(false);
    await expect(listTickets(next, {})).rejects.toMatchObject({ code: 'FEATURE_DISABLED', status: 404 });
    await expect(createTicket(next, { subject: 'Still there?', description: 'x' })).rejects.toMatchObject({ code: 'FEATURE_DISABLED' });
    // Other tenants are untouched.
    expect(await isEnabled(await admin('globex'), 'tickets')).toBe(true);
    const [event] = await owner()`select details from audit_events where tenant_id = ${await tenantId('northwind')} and action = 'feature.toggle'`;
    expect(event!.details).toMatchObject({ before: { enabled: true }, after: { enabled: false, tenantEnabled: false } });
    await setTenantFeature(next, { key: 'tickets', enabled: true });
    expect(await isEnabled(await admin('northwind'), 'tickets')).toBe(true);
  });

  it('evaluates in order: global stage, then early access, then the tenant toggle', async () => {
    const northwind = await admin('northwind');
    await expect(setTenantFeature(northwind, { key: 'ai_assistant', enabled: true })).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    await expect(setTenantFeature(northwind, { key: 'bulk_export', enabled: true })).rejects.toThrow(/early access/);
    await expect(startUsersExport(northwind, {})).rejects.toMatchObject({ code: 'FEATURE_DISABLED' });

    // Early access makes the beta exist for northwind (on by default), and its admin may turn it off.
    await setEarlyAccess(await ops(), { key: 'bulk_export', tenantId: await tenantId('northwind'), earlyAccess: true });
    expect(await isEnabled(await admin('northwind'), 'bulk_export')).toBe(true);
    await setTenantFeature(await admin('northwind'), { key: 'bulk_export', enabled: false });
    expect(await isEnabled(await admin('northwind'), 'bulk_export')).toBe(false);
    await setTenantFeature(await admin('northwind'), { key: 'bulk_export', enabled: true });

    // The global stage wins over both: off turns it off for everyone who had it.
    await setFeatureStage(await ops(), { key: 'bulk_export', stage: 'off' });
    expect(await isEnabled(await admin('northwind'), 'bulk_export')).toBe(false);
    expect(await isEnabled(await admin('acme-msp'), 'bulk_export')).toBe(false);
    // ga makes it exist everywhere, still subject to a tenant's own "off".
    await setFeatureStage(await ops(), { key: 'bulk_export', stage: 'ga' });
    expect(await isEnabled(await admin('globex'), 'bulk_export')).toBe(true);
    await setTenantFeature(await admin('globex'), { key: 'bulk_export', enabled: false });
    expect(await isEnabled(await admin('globex'), 'bulk_export')).toBe(false);
  });

  it('decides the same in SQL (the board, alerts and reports across tenants) as in code, for every stage and tenant row', async () => {
    const globex = await tenantId('globex');
    const rows: [boolean | null, boolean][] = [
      [null, false],
      [true, false],
      [false, false],
      [null, true],
      [false, true],
      [true, true],
    ];
    for (const stage of featureStages) {
      await owner()`insert into feature_settings (key, stage) values ('bulk_export', ${stage}) on conflict (key) do update set stage = excluded.stage`;
      // Each tenant row, and none at all.
      for (const row of [...rows, null]) {
        await owner()`delete from tenant_features where tenant_id = ${globex} and key = 'bulk_export'`;
        if (row) await owner()`insert into tenant_features (tenant_id, key, enabled, early_access) values (${globex}, 'bulk_export', ${row[0]}, ${row[1]})`;
        const expected = decideFeature({ stage, earlyAccess: row?.[1] ?? false, tenantEnabled: row?.[0] ?? null }).enabled;
        const [answer] = await inTenantScope({ tenantId: globex }, (tx) => tx.execute<{ on: boolean }>(sql`select ${featureOnSql(sql`${globex}::uuid`, 'bulk_export')} as on`));
        expect(answer!.on, `${stage} ${JSON.stringify(row)}`).toBe(expected);
      }
    }
  });

  it('only platform operators set stages and early access; grants are audited in both tenants', async () => {
    await expect(setFeatureStage(await admin('northwind'), { key: 'ai_assistant', stage: 'ga' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      setEarlyAccess(await admin('acme-msp'), { key: 'bulk_export', tenantId: await tenantId('globex'), earlyAccess: true }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // The refused attempts wrote nothing; the operator's grant is audited in both tenants.
    const earlyAccessEvents = () => owner()`select t.slug from audit_events e join tenants t on t.id = e.tenant_id
      where e.action = 'feature.early_access' order by t.slug`;
    expect(await earlyAccessEvents()).toHaveLength(0);
    await setEarlyAccess(await ops(), { key: 'bulk_export', tenantId: await tenantId('northwind'), earlyAccess: true });
    const audited = await earlyAccessEvents();
    expect(audited.map((r) => r.slug)).toEqual(['northwind', 'platform']);
  });

  it('bulk export builds the whole user list as CSV where the feature is on', async () => {
    const ctx = await admin('acme-msp');
    await setFeatureStage(await ops(), { key: 'bulk_export', stage: 'beta' });
    const text = await buildAndDownload(ctx, await startUsersExport(ctx, {}));
    const lines = text.trim().split('\n');
    expect(lines[0]).toBe('id,email,name,type,status,created_at');
    const [row] = await owner()`select count(*)::int as n from users where tenant_id = ${await tenantId('acme-msp')}`;
    expect(lines.length - 1).toBe(row!.n);
  });
});
