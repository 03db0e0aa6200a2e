import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterEach, describe, expect, it } from 'vitest';
import { runtimeUrl } from '@/db/bootstrap';
import { unsafeSealTenantAudit } from '@/lib/data/internal/audit-seal';
import { TEMPLATE_DB, TEST_APP_ROLE, withDatabase } from '../support/global-setup';
import { catalogueViolations, crossTenantViolations } from '../support/isolation';
import { openSession, owner, tenantId } from '../support/world';

const open: postgres.Sql[] = [];
const connectTo = (url: string) => {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  open.push(sql);
  return sql;
};
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.end()));
});

/** Gives tenant B at least one row in every tenant table. */
async function populate(slugB: string) {
  const b = await tenantId(slugB);
  await openSession(slugB, `admin@${slugB}.example`);
  await owner()`insert into audit_events (tenant_id, action) values (${b}, 'test.seed')`;
  await owner()`insert into mail_outbox (tenant_id, to_address, subject, body) values (${b}, 'x@y.example', 'hi', 'body')`;
  await owner()`insert into password_tokens (tenant_id, user_id, token_hash, expires_at)
    select ${b}, id, md5(random()::text), now() + interval '1 day' from users where tenant_id = ${b} limit 1`;
  const [user] = await owner()<{ id: string }[]>`select id from users where tenant_id = ${b} limit 1`;
  await owner()`insert into tenant_features (tenant_id, key, enabled) values (${b}, 'tickets', true) on conflict do nothing`;
  await owner()`insert into tenant_policies (tenant_id, user_type, ops_per_day) values (${b}, 'basic', 10) on conflict do nothing`;
  await owner()`insert into tenant_rate_limits (tenant_id, list_per_minute, detail_per_minute, write_per_minute, export_per_hour, link_per_minute)
    values (${b}, 1, 2, 3, 4, 5) on conflict do nothing`;
  await owner()`insert into usage_operations (tenant_id, user_id) values (${b}, ${user!.id})`;
  await owner()`insert into ticket_counters (tenant_id, year, last) values (${b}, 1999, 1) on conflict do nothing`;
  const [ticket] = await owner()`insert into tickets (tenant_id, number, subject, description, requester_id)
    values (${b}, ${`TKT-1999-${randomBytes(2).toString('hex')}`}, 'seeded', 'seeded', ${user!.id}) returning id`;
  await owner()`insert into ticket_comments (tenant_id, ticket_id, author_id, author_tenant_id, author_label, from_requester, body, internal)
    values (${b}, ${ticket!.id}, ${user!.id}, ${b}, 'seeded', false, 'seeded', true)`;
  await owner()`insert into ticket_events (tenant_id, ticket_id, to_status, actor_label) values (${b}, ${ticket!.id}, 'open', 'seeded')`;
  const [alert] = await owner()`insert into alerts (tenant_id, type, severity, dedup_key, title, message, ticket_id)
    values (${b}, 'sla_breach', 'critical', ${`seeded-${randomBytes(3).toString('hex')}`}, 'seeded', 'seeded', ${ticket!.id}) returning id`;
  await owner()`insert into alert_events (tenant_id, alert_id, action, actor_label) values (${b}, ${alert!.id}, 'triggered', 'seeded')`;
  await owner()`insert into idempotency_keys (tenant_id, user_id, key, request_hash, response) values (${b}, ${user!.id}, 'seeded', 'seeded', '{}')`;
  await owner()`insert into api_keys (tenant_id, name, secret_hash, permissions, user_id, created_by_label) values (${b}, 'seeded', 'seeded', '{users.read}', ${user!.id}, 'seeded')`;
  const [endpoint] = await owner()`insert into webhook_endpoints (tenant_id, url, event_types, secret, created_by_label) values (${b}, 'https://hooks.example.com/x', '{ticket.created}', 'whsec_seeded', 'seeded') returning id`;
  const [delivery] = await owner()`insert into webhook_deliveries (tenant_id, endpoint_id, event_id, event_type, source_tenant_id, payload, status)
    values (${b}, ${endpoint!.id}, 'msg_seeded', 'ticket.created', ${b}, '{}', 'delivered') returning id`;
  await owner()`insert into webhook_attempts (tenant_id, delivery_id, attempt, status_code, duration_ms) values (${b}, ${delivery!.id}, 1, 200, 5)`;
  await owner()`insert into user_mfa (tenant_id, user_id, secret) values (${b}, ${user!.id}, 'SEEDEDSECRET') on conflict do nothing`;
  await owner()`insert into mfa_recovery_codes (tenant_id, user_id, code_hash) values (${b}, ${user!.id}, 'seeded')`;
  await owner()`insert into notification_preferences (tenant_id, user_id) values (${b}, ${user!.id}) on conflict do nothing`;
  await owner()`insert into digest_runs (tenant_id, user_id, local_date, items) values (${b}, ${user!.id}, current_date, 1) on conflict do nothing`;
  await owner()`insert into tenant_exports (tenant_id, requested_by) values (${b}, 'seeded')`;
  await owner()`insert into subscription_codes (tenant_id, subscription_id, code_hash, expires_at)
    select ${b}, id, 'seeded', now() + interval '1 hour' from subscriptions where tenant_id = ${b} order by created_at limit 1 on conflict do nothing`;
  const [inv] = await owner()`insert into invoices (tenant_id, subscription_id, user_id, status, number, currency, period_start, period_end, total_minor)
    select ${b}, id, user_id, 'open', ${`ISO-1999-${randomBytes(3).toString('hex')}`}, currency, now() - interval '2000 days', now() - interval '1970 days', 100
    from subscriptions where tenant_id = ${b} order by created_at limit 1 returning id`;
  await owner()`insert into invoice_lines (tenant_id, invoice_id, position, kind, description, unit_minor, amount_minor, tax_rate_bps, tax_behavior, taxable_minor, tax_minor)
    values (${b}, ${inv!.id}, 0, 'charge', 'seeded', 100, 100, 0, 'exclusive', 100, 0)`;
  await owner()`insert into payments (tenant_id, invoice_id, status, amount_minor, currency, method, paid_on, actor_label) values (${b}, ${inv!.id}, 'declined', 1, 'USD', 'card', '1999-01-01', 'seeded')`;
  await owner()`insert into invoice_events (tenant_id, invoice_id, event, to_status, actor_label) values (${b}, ${inv!.id}, 'seeded', 'open', 'seeded')`;
  await owner()`insert into number_series (tenant_id, kind, year, last_value) values (${b}, 'invoice', 1999, 1) on conflict do nothing`;
  const [job] = await owner()`insert into export_jobs (tenant_id, user_id, kind, status, params, tenant_ids, scope, file_name, expires_at)
    values (${b}, ${user!.id}, 'users', 'ready', '{}'::jsonb, ${owner().array([b])}::uuid[], 'seeded', 'seeded.csv', now() + interval '1 day') returning id`;
  await owner()`insert into export_chunks (tenant_id, export_id, seq, data) values (${b}, ${job!.id}, 0, ${Buffer.from('a,b\n')})`;
  await unsafeSealTenantAudit(b);
  return b;
}

describe('database-level isolation matrix', () => {
  it('holds for every tenant table, in both directions', async () => {
    const app = connectTo(process.env.DATABASE_APP_URL!);
    const globex = await populate('globex');
    const northwind = await populate('northwind');
    const ab = await crossTenantViolations(owner(), app, globex, northwind);
    const ba = await crossTenantViolations(owner(), app, northwind, globex);
    expect([...ab.violations, ...ba.violations]).toEqual([]);
    expect(await catalogueViolations(owner())).toEqual([]);
    console.log(`database isolation: ${ab.checks + ba.checks} cross-tenant checks`);
  });

  it('fails on a scratch database where one policy was dropped or opened up (mutation check)', async () => {
    const [globex, northwind] = [await tenantId('globex'), await tenantId('northwind')];
    const scratch = `scratch_${randomBytes(4).toString('hex')}`;
    const server = connectTo(withDatabase(process.env.TEST_OWNER_URL!, 'postgres'));
    await server.unsafe(`create database ${scratch} template ${TEMPLATE_DB}`);
    const scratchOwner = postgres(withDatabase(process.env.TEST_OWNER_URL!, scratch), { max: 1, onnotice: () => {} });
    const scratchApp = postgres(runtimeUrl(withDatabase(process.env.TEST_OWNER_URL!, scratch), TEST_APP_ROLE), { max: 1 });
    try {

      await scratchOwner`drop policy tenant_isolation on users`;
      expect(await catalogueViolations(scratchOwner)).toContain('users: expected one policy, found 0');

      await scratchOwner`create policy tenant_isolation on users using (true) with check (true)`;
      const { violations } = await crossTenantViolations(scratchOwner, scratchApp, globex, northwind);
      expect(violations).toEqual(expect.arrayContaining([expect.stringMatching(/^users: tenant A sees \d+ of B's rows$/)]));
      expect(await catalogueViolations(scratchOwner)).toEqual(
        expect.arrayContaining([expect.stringMatching(/^users: read policy has an unexpected shape/)]),
      );

      await scratchOwner`alter table sessions no force row level security`;
      expect(await catalogueViolations(scratchOwner)).toContain('sessions: RLS not forced');
    } finally {
      await Promise.all([scratchOwner.end(), scratchApp.end()]);
      await server.unsafe(`drop database if exists ${scratch} with (force)`);
    }
  });
});
