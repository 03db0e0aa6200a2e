/**
 * Builds the scale dataset in its own database: the demo world, then N tenants sized like real
 * customers (Zipf: a few large, a long tail of small), 1,000 users and 2,000 audit events per
 * tenant on average, Acme managing 50 of them, and a 5,000-user "probe" tenant present at every
 * scale for like-for-like comparisons. Rows are generated inside PostgreSQL (INSERT … SELECT
 * generate_series); secondary indexes are dropped before the load and built after it.
 *
 *   npm run bench:data -- --tenants 1000
 */
import argon2 from 'argon2';
import postgres from 'postgres';
import { prepareDatabase } from '../db/bootstrap';
import { DEMO_PASSWORD, seedDemoWorld } from '../db/seed';
import { builtInRoles } from '../lib/config/roles';
import { BENCH_APP_ROLE, openBenchCluster } from './cluster';

export type DatasetOptions = { tenants: number; usersPerTenant?: number; auditPerUser?: number; log?: (m: string) => void };

export const PROBE_USERS = 5000;
export const datasetName = (tenants: number) => `portal_bench_${tenants}`;

/** Zipf sizes summing to about `total`, each at least 10. */
export function tenantSizes(count: number, total: number, s = 1.07): number[] {
  const weights = Array.from({ length: count }, (_, i) => 1 / Math.pow(i + 1, s));
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => Math.max(10, Math.round((w / sum) * total)));
}

const secondaryIndexes = [
  ['users_tenant_email_key', 'create unique index users_tenant_email_key on users (tenant_id, lower(email))'],
  ['users_tenant_created_idx', 'create index users_tenant_created_idx on users (tenant_id, created_at desc nulls first, id desc nulls first)'],
  [
    'audit_events_tenant_time_idx',
    'create index audit_events_tenant_time_idx on audit_events (tenant_id, occurred_at desc nulls first, seq desc nulls first)',
  ],
] as const;

export async function buildDataset(ownerUrl: string, appPassword: string, opts: DatasetOptions): Promise<void> {
  const log = opts.log ?? ((m: string) => console.log(`[bench:data] ${m}`));
  const usersPerTenant = opts.usersPerTenant ?? 1000;
  const auditPerUser = opts.auditPerUser ?? 2;
  const started = Date.now();
  const step = (m: string) => log(`${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s  ${m}`);

  const dbName = new URL(ownerUrl).pathname.slice(1);
  const server = postgres(Object.assign(new URL(ownerUrl), { pathname: '/postgres' }).toString(), { max: 1, onnotice: () => {} });
  await server.unsafe(`drop database if exists "${dbName}" with (force)`);
  await server.end();
  await prepareDatabase(ownerUrl, { ...BENCH_APP_ROLE, password: appPassword });
  await seedDemoWorld(ownerUrl);
  step('migrated and seeded the demo world');

  const sql = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  try {
    await sql`set maintenance_work_mem = '512MB'`;
    for (const [name] of secondaryIndexes) await sql.unsafe(`drop index if exists ${name}`);

    const sizes = tenantSizes(opts.tenants, opts.tenants * usersPerTenant);
    const slugs = sizes.map((_, i) => `t${String(i + 1).padStart(5, '0')}`);
    await sql`
      insert into tenants (slug, name, country, onboarded_on)
      select s, 'Tenant ' || s, 'us', current_date - (random() * 1000)::int from unnest(${[...slugs, 'probe']}::text[]) s`;
    await sql`create temp table bench_sizes as
      select t.id as tenant_id, t.slug, x.n from tenants t
      join unnest(${[...slugs, 'probe']}::text[], ${[...sizes, PROBE_USERS]}::int[]) as x(slug, n) on x.slug = t.slug`;
    step(`${opts.tenants + 1} tenants; largest ${sizes[0]} users, smallest ${sizes.at(-1)}`);

    const roleRows = builtInRoles.map((r) => [r.key, r.name]);
    await sql`
      insert into roles (tenant_id, key, name, built_in)
      select b.tenant_id, r.key, r.name, true from bench_sizes b
      cross join unnest(${roleRows.map((r) => r[0]!)}::text[], ${roleRows.map((r) => r[1]!)}::text[]) as r(key, name)`;
    const perms = builtInRoles.flatMap((r) => r.permissions.map((p) => [r.key, p] as const));
    await sql`
      insert into role_permissions (tenant_id, role_id, permission)
      select r.tenant_id, r.id, p.permission from roles r
      join bench_sizes b on b.tenant_id = r.tenant_id
      join unnest(${perms.map((p) => p[0])}::text[], ${perms.map((p) => p[1])}::text[]) as p(key, permission) on p.key = r.key`;
    step('roles and permissions');

    const hash = await argon2.hash(DEMO_PASSWORD, { type: argon2.argon2id });
    const tenantIds = (await sql`select tenant_id from bench_sizes order by n desc`).map((r) => r.tenant_id as string);
    let loaded = 0;
    const total = sizes.reduce((a, b) => a + b, 0) + PROBE_USERS;
    for (let i = 0; i < tenantIds.length; i += 25) {
      const chunk = tenantIds.slice(i, i + 25);
      const res = await sql`
        insert into users (tenant_id, email, name, type, status, password_hash, created_at)
        select b.tenant_id, 'user' || g || '@' || b.slug || '.example', 'User ' || g || ' of ' || b.slug,
               (array['guest','basic','basic','advanced','company'])[1 + g % 5]::user_type,
               (array['active','active','active','active','idle','inactive'])[1 + g % 6]::user_status,
               ${hash}, now() - g * interval '41 seconds'
        from bench_sizes b, generate_series(1, b.n) g where b.tenant_id = any(${chunk}::uuid[])`;
      loaded += res.count;
      if (i % 250 === 0 || i + 25 >= tenantIds.length) step(`users ${loaded.toLocaleString('en')} / ${total.toLocaleString('en')}`);
    }
    await sql`
      insert into user_roles (tenant_id, user_id, role_id)
      select u.tenant_id, u.id, r.id from users u
      join bench_sizes b on b.tenant_id = u.tenant_id
      join roles r on r.tenant_id = u.tenant_id and r.key = u.type::text`;
    step('user roles');

    let events = 0;
    for (let i = 0; i < tenantIds.length; i += 50) {
      const chunk = tenantIds.slice(i, i + 50);
      const res = await sql`
        insert into audit_events (tenant_id, occurred_at, actor_tenant_id, via, action, resource_type, resource_id, details)
        select b.tenant_id, now() - g * interval '17 seconds', b.tenant_id, 'home',
               (array['users.list','users.read','auth.sign_in','session.revoke'])[1 + g % 4], 'user', g::text, '{}'::jsonb
        from bench_sizes b, generate_series(1, b.n * ${auditPerUser}) g where b.tenant_id = any(${chunk}::uuid[])`;
      events += res.count;
      if (i % 500 === 0 || i + 50 >= tenantIds.length) step(`audit events ${events.toLocaleString('en')}`);
    }

    const acme = (await sql`select id from tenants where slug = 'acme-msp'`)[0]!.id as string;
    const links = await sql`
      insert into partner_tenant_links (partner_tenant_id, managed_tenant_id, access_role, status, starts_at)
      select ${acme}, b.tenant_id, 'msp_full', 'active', now() - interval '30 days'
      from (select tenant_id from bench_sizes where slug <> 'probe' order by slug limit 50) b`;
    step(`Acme manages ${links.count} more tenants`);

    for (const [name, ddl] of secondaryIndexes) {
      await sql.unsafe(ddl);
      step(`index ${name}`);
    }
    await sql`analyze`;
    step(`done: ${loaded.toLocaleString('en')} users, ${events.toLocaleString('en')} audit events`);
  } finally {
    await sql.end();
  }
}

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};

if (process.argv[1]?.endsWith('bench/data.ts')) {
  const tenants = Number(arg('tenants') ?? 1000);
  const cluster = await openBenchCluster();
  try {
    await buildDataset(cluster.urlFor(datasetName(tenants)), cluster.appPassword, { tenants });
    // The support bench's tickets: 1,000,000 at 1,000 tenants.
    await ensureTickets(cluster.urlFor(datasetName(tenants)), tenants * 1000);
  } finally {
    await cluster.stop();
  }
}

export const KYC_QUEUE_ROWS = 100_000;

/**
 * The reviewer queue's scale: 100,000 KYC submissions in the probe tenant (5,000 of them waiting,
 * one per user; the rest decided), added once to a dataset that has none.
 */
export async function ensureKycQueue(ownerUrl: string, log: (m: string) => void = (m) => console.log(`[bench:data] ${m}`)): Promise<void> {
  const sql = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  try {
    const [probe] = await sql`select id from tenants where slug = 'probe'`;
    const [have] = await sql`select count(*)::int as n from kyc_submissions where tenant_id = ${probe!.id}`;
    if (have!.n >= KYC_QUEUE_ROWS) return;
    await sql`
      insert into kyc_submissions (tenant_id, user_id, status, attempt, submitted_at, decided_at, legal_name, country)
      select u.tenant_id, u.id,
             case when g = 1 then 'submitted' else (array['verified','rejected','resubmission_requested','expired'])[1 + g % 4] end::kyc_status,
             g, now() - (u.n * 20 + g) * interval '37 seconds',
             case when g = 1 then null else now() - (u.n * 20 + g) * interval '31 seconds' end,
             u.name, 'us'
      from (select id, tenant_id, name, row_number() over (order by id) as n from users where tenant_id = ${probe!.id}) u,
           generate_series(1, ${KYC_QUEUE_ROWS} / (select count(*) from users where tenant_id = ${probe!.id})::int) g`;
    await sql`analyze kyc_submissions`;
    const [now] = await sql`select count(*)::int as n from kyc_submissions where tenant_id = ${probe!.id}`;
    log(`${now!.n.toLocaleString('en')} KYC submissions in the probe tenant`);
  } finally {
    await sql.end();
  }
}

/**
 * A subscription for every user of the bench tenants (1,000,000 at the default 1,000 tenants of
 * 1,000 users), on one plan per tenant: 85 % signed, 5 % suspended, 5 % signing, 5 % ended.
 */
export async function ensureSubscriptions(ownerUrl: string, log: (m: string) => void = (m) => console.log(`[bench:data] ${m}`)): Promise<number> {
  const sql = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  try {
    const [have] = await sql`select count(*)::int as n from subscriptions s join tenants t on t.id = s.tenant_id where t.slug like 't0%'`;
    if (have!.n > 0) return have!.n as number;
    await sql`set maintenance_work_mem = '512MB'`;
    await sql`insert into plans (tenant_id, name, price_minor, currency, billing_cycle, available_for)
      select id, 'Bench Fiber', 2999, 'USD', 'monthly', '{basic,advanced,company}' from tenants where slug like 't0%'`;
    await sql`
      insert into subscriptions (tenant_id, user_id, plan_id, state, price_minor, currency, billing_cycle, confirmed_at, anchor_at,
                                 current_period_start, current_period_end, suspended_at, suspension_reason, ended_at, created_at)
      select u.tenant_id, u.id, p.id, st.state::subscription_state, 2999, 'USD', 'monthly',
             case when st.state <> 'signing' then c.at end, case when st.state <> 'signing' then c.at end,
             case when st.state <> 'signing' then c.at end, case when st.state <> 'signing' then c.at + interval '1 month' end,
             case when st.state = 'suspended' then now() - interval '3 days' end, case when st.state = 'suspended' then 'non_payment'::suspension_reason end,
             case when st.state = 'unsigned' then now() - interval '1 day' end, c.at
      from users u
      join tenants t on t.id = u.tenant_id and t.slug like 't0%'
      join plans p on p.tenant_id = u.tenant_id and p.name = 'Bench Fiber'
      cross join lateral (select now() - (abs(hashtext(u.id::text)) % 500000) * interval '1 minute' as at) c
      cross join lateral (select case abs(hashtext(u.id::text || 's')) % 20 when 0 then 'suspended' when 1 then 'signing' when 2 then 'unsigned' else 'signed' end as state) st`;
    await sql`analyze subscriptions`;
    const [now] = await sql`select count(*)::int as n from subscriptions s join tenants t on t.id = s.tenant_id where t.slug like 't0%'`;
    log(`${(now!.n as number).toLocaleString('en')} subscriptions across the bench tenants`);
    return now!.n as number;
  } finally {
    await sql.end();
  }
}

/**
 * Invoices for the partner's bench: `total` spread evenly over the 50 tenants Acme manages,
 * twelve monthly periods per subscription until each tenant has its share; most paid, some open,
 * some overdue. Numbers per tenant, gapless.
 */
export async function ensureInvoices(ownerUrl: string, total: number, log: (m: string) => void = (m) => console.log(`[bench:data] ${m}`)): Promise<number> {
  const sql = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  try {
    const managed = (await sql`
      select l.managed_tenant_id as id from partner_tenant_links l join tenants t on t.id = l.partner_tenant_id
      where t.slug = 'acme-msp' and l.status = 'active' and l.managed_tenant_id in (select id from tenants where slug like 't0%') order by 1`).map((r) => r.id as string);
    const [have] = await sql`select count(*)::int as n from invoices where tenant_id = any(${managed}::uuid[])`;
    if (have!.n >= total) return have!.n as number;
    await sql`delete from invoice_lines where tenant_id = any(${managed}::uuid[])`;
    await sql`delete from invoices where tenant_id = any(${managed}::uuid[])`;
    const per = Math.ceil(total / managed.length);
    for (const [i, tenant] of managed.entries()) {
      await sql`
        insert into invoices (tenant_id, subscription_id, user_id, status, number, currency, period_start, period_end, issued_at, due_at,
                              subtotal_minor, tax_minor, total_minor, amount_paid_minor, paid_at, created_at)
        select s.tenant_id, s.id, s.user_id,
               case when x.rn % 10 = 0 then 'open' when x.rn % 97 = 0 then 'void' else 'paid' end,
               'B' || lpad(${i}::text, 2, '0') || '-' || extract(year from p.start)::int || '-' || lpad(x.rn::text, 6, '0'), 'USD',
               p.start, p.start + interval '1 month', p.start, p.start + interval '14 days',
               2999, 240, 3239, case when x.rn % 10 = 0 or x.rn % 97 = 0 then 0 else 3239 end,
               case when x.rn % 10 = 0 or x.rn % 97 = 0 then null else p.start + interval '10 days' end, p.start
        from (select s.id, k, row_number() over (order by s.id, k) as rn
              from subscriptions s cross join generate_series(0, 11) k
              where s.tenant_id = ${tenant} and s.state in ('signed', 'suspended')) x
        join subscriptions s on s.tenant_id = ${tenant} and s.id = x.id
        cross join lateral (select now() - make_interval(months => x.k) - (abs(hashtext(s.id::text)) % 28) * interval '1 day' as start) p
        where x.rn <= ${per}`;
      if (i % 10 === 9) log(`invoices: ${i + 1} of ${managed.length} tenants`);
    }
    // As autovacuum leaves a table at rest: statistics, and the visibility map index-only scans need.
    await sql`vacuum analyze invoices`;
    await sql`vacuum analyze invoice_day_totals`;
    const [now] = await sql`select count(*)::int as n from invoices where tenant_id = any(${managed}::uuid[])`;
    log(`${(now!.n as number).toLocaleString('en')} invoices across ${managed.length} managed tenants`);
    return now!.n as number;
  } finally {
    await sql.end();
  }
}

/**
 * Tickets for the support bench: `total` spread evenly over every bench tenant, over the last 90
 * days; most closed with their timers settled (met, one in eight breached), 15 % unresolved with
 * their timers left for the breach scan to compute. Numbers per tenant, gapless.
 */
export async function ensureTickets(ownerUrl: string, total: number, log: (m: string) => void = (m) => console.log(`[bench:data] ${m}`)): Promise<number> {
  const sql = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  try {
    const [have] = await sql`select count(*)::int as n from tickets t join tenants n on n.id = t.tenant_id where n.slug like 't0%'`;
    if (have!.n >= total) return have!.n as number;
    await sql`delete from tickets where tenant_id in (select id from tenants where slug like 't0%')`;
    await sql`set maintenance_work_mem = '512MB'`;
    const tenants = (await sql`select id from tenants where slug like 't0%' order by slug`).map((r) => r.id as string);
    const per = Math.ceil(total / tenants.length);
    for (let i = 0; i < tenants.length; i += 50) {
      const chunk = tenants.slice(i, i + 50);
      await sql`
        insert into tickets (tenant_id, number, subject, description, priority, category, status, requester_id, created_at, updated_at,
                             first_response_at, resolved_at, closed_at, sla_response_state, sla_resolution_state, sla_breached_at)
        select t.id, 'TKT-B-' || lpad(g::text, 7, '0'), 'Bench ticket ' || g, 'Generated for the bench.',
               (array['low', 'normal', 'normal', 'high', 'urgent'])[1 + g % 5]::ticket_priority,
               case when g % 97 = 0 then 'network_outage' else 'connectivity' end,
               x.status::ticket_status, r.id, x.created, x.created,
               case when x.status in ('resolved', 'closed', 'open') then x.created + interval '2 hours' end,
               case when x.status in ('resolved', 'closed') then x.created + interval '1 day' end,
               case when x.status = 'closed' then x.created + interval '5 days' end,
               case when x.status in ('resolved', 'closed') then (case when g % 8 = 0 then 'breached' else 'met' end)::sla_timer_state end,
               case when x.status in ('resolved', 'closed') then (case when g % 8 = 0 then 'breached' else 'met' end)::sla_timer_state end,
               case when x.status in ('resolved', 'closed') and g % 8 = 0 then x.created + interval '8 hours' end
        from unnest(${chunk}::uuid[]) as t(id)
        cross join lateral (select id from users where tenant_id = t.id order by created_at limit 1) r
        cross join generate_series(1, ${per}) g
        cross join lateral (select now() - (g * 7919 % 129600) * interval '1 minute' as created,
                                   case when g % 20 < 17 then 'closed' when g % 20 = 17 then 'resolved' when g % 20 = 18 then 'open' else (array['new', 'pending', 'on_hold'])[1 + g % 3] end as status) x`;
      log(`tickets: ${Math.min(i + 50, tenants.length)} of ${tenants.length} tenants`);
    }
    await sql`insert into ticket_counters (tenant_id, year, last) select id, 1999, ${per} from unnest(${tenants}::uuid[]) as t(id) on conflict do nothing`;
    await sql`vacuum analyze tickets`;
    const [now] = await sql`select count(*)::int as n from tickets t join tenants n on n.id = t.tenant_id where n.slug like 't0%'`;
    log(`${(now!.n as number).toLocaleString('en')} tickets across ${tenants.length} bench tenants`);
    return now!.n as number;
  } finally {
    await sql.end();
  }
}
