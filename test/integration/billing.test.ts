import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { addMonthsClamped, periodBounds, taxOf, unusedCredit } from '@/lib/config/billing';
import {
  consolidatedInvoices,
  consolidatedSummary,
  getInvoice,
  getMyInvoice,
  listInvoices,
  listMyInvoices,
  payMyInvoice,
  recordPayment,
  voidInvoice,
} from '@/lib/data/billing';
import { unsafeRunBilling, unsafeRunDunning } from '@/lib/data/internal/billing-jobs';
import { finalizeInvoice, readBillingConfig } from '@/lib/data/internal/invoicing';
import { assignPlan, confirmSubscription, subscribe, updateSubscriptionSettings } from '@/lib/data/subscriptions';
import { createPlan } from '@/lib/data/plans';
import { inTenantScope } from '@/lib/data/tx';
import { ALICE, contextFor, owner, tenantId, userId } from '../support/world';

const admin = () => contextFor('northwind', 'admin@northwind.example');
const clerk = () => contextFor('northwind', 'billing@northwind.example');
const ben = () => contextFor('northwind', 'basic@northwind.example');
const planId = async (name: string, slug = 'northwind') => (await owner()`select p.id from plans p join tenants t on t.id = p.tenant_id where t.slug = ${slug} and p.name = ${name}`)[0]!.id as string;
const invoicesOf = async (email: string) =>
  (await owner()`select i.* from invoices i join users u on u.tenant_id = i.tenant_id and u.id = i.user_id where u.email = ${email} order by i.period_start`) as unknown as {
    id: string; number: string; status: string; total_minor: string; amount_paid_minor: string; subscription_id: string; due_at: Date; dunning_step: number; currency: string;
  }[];
const count = async (table: string) => (await owner().unsafe(`select count(*)::int as n from ${table}`))[0]!.n as number;
const stateOf = async (id: string) => (await owner()`select state, suspension_reason from subscriptions where id = ${id}`)[0] as { state: string; suspension_reason: string | null };
const mailedCode = async (to: string) => {
  const [m] = await owner()`select body from mail_outbox where to_address = ${to} and subject like '%confirmation code%' order by created_at desc limit 1`;
  return /code is (\d{6})/.exec(m!.body as string)![1]!;
};

describe('billing periods and amounts', () => {
  it('anchor on the start day, clamped to the month end: Jan 31 -> Feb 28 -> Mar 31, as PostgreSQL counts them', async () => {
    const jan31 = new Date('2026-01-31T10:00:00Z');
    const days = [0, 1, 2, 3].map((k) => periodBounds(jan31, k, 1).start.toISOString().slice(0, 10));
    expect(days).toEqual(['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30']);
    expect(addMonthsClamped(new Date('2028-01-31T00:00:00Z'), 1).toISOString().slice(0, 10)).toBe('2028-02-29');
    expect(periodBounds(new Date('2024-02-29T00:00:00Z'), 1, 12).start.toISOString().slice(0, 10)).toBe('2025-02-28');
    expect(periodBounds(new Date('2024-02-29T00:00:00Z'), 4, 12).start.toISOString().slice(0, 10)).toBe('2028-02-29');
    // The period job rolls with `anchor + n months`: the same days.
    const pg = await owner()`select (${jan31}::timestamptz + make_interval(months => 1))::date::text as feb, (${jan31}::timestamptz + make_interval(months => 2))::date::text as mar`;
    expect(pg[0]).toEqual({ feb: '2026-02-28', mar: '2026-03-31' });
  });

  it('prorate by whole days and tax per line, exclusive or inclusive', () => {
    const period = { start: new Date('2026-04-01T00:00:00Z'), end: new Date('2026-05-01T00:00:00Z') };
    expect(unusedCredit(3000, period, new Date('2026-04-16T12:00:00Z'))).toEqual({ days: 14, periodDays: 30, creditMinor: 1400 });
    expect(taxOf(10000, 800, 'exclusive')).toEqual({ taxableMinor: 10000, taxMinor: 800, totalMinor: 10800 });
    expect(taxOf(11900, 1900, 'inclusive')).toEqual({ taxableMinor: 10000, taxMinor: 1900, totalMinor: 11900 });
    expect(taxOf(-1000, 800, 'exclusive')).toEqual({ taxableMinor: -1000, taxMinor: -80, totalMinor: -1080 });
  });
});

describe('the billing run', () => {
  it('invoices a new period once, however often it runs', async () => {
    const cora = (await invoicesOf('company@northwind.example')).at(-1)!;
    const before = await count('invoices');
    // Nothing is due in the seeded world: every period has its invoice.
    expect(await unsafeRunBilling()).toEqual({ created: 0 });
    // Cora's subscription moves into its next period (as the period job does).
    await owner()`update subscriptions set period_index = period_index + 1, current_period_start = current_period_end,
      current_period_end = anchor_at + make_interval(months => period_index + 2) where id = ${cora.subscription_id}`;
    const [first, second] = [await unsafeRunBilling(), await unsafeRunBilling()];
    expect(first).toEqual({ created: 1 });
    expect(second).toEqual({ created: 0 });
    expect(await count('invoices')).toBe(before + 1);
    const mine = await invoicesOf('company@northwind.example');
    const fresh = mine.at(-1)!;
    expect(fresh).toMatchObject({ status: 'open', currency: 'USD' });
    expect(fresh.number).toMatch(/^NWF-\d{4}-\d{6}$/);
    // Business 1G at 149.00 plus Northwind's 8 % tax.
    expect(Number(fresh.total_minor)).toBe(16092);
  });

  it('a run that dies half-way leaves whole invoices or none, and the rerun completes it without a duplicate', async () => {
    // Three subscriptions move into their next period; the second one's invoice cannot be written.
    const subs = (await owner()`select s.id from subscriptions s join tenants t on t.id = s.tenant_id
      where t.slug = 'northwind' and s.state = 'signed' and s.billing_cycle = 'monthly' order by s.id limit 3`).map((r) => r.id as string);
    await owner()`update subscriptions set period_index = period_index + 1, current_period_start = current_period_end,
      current_period_end = anchor_at + make_interval(months => period_index + 2) where id = any(${subs}::uuid[])`;
    const before = await count('invoices');
    const lines = await count('invoice_lines');
    await owner().unsafe(`create function test_crash() returns trigger language plpgsql as $$ begin
      if new.subscription_id = '${subs[1]}' then raise exception 'worker killed'; end if; return new; end $$`);
    await owner().unsafe('create trigger test_crash before insert on invoices for each row execute function test_crash()');
    await expect(unsafeRunBilling()).rejects.toThrow();
    // The batch was one transaction: nothing of it stayed, not even the invoice before the failure.
    expect(await count('invoices')).toBe(before);
    expect(await count('invoice_lines')).toBe(lines);
    await owner().unsafe('drop trigger test_crash on invoices');
    expect(await unsafeRunBilling()).toEqual({ created: 3 });
    expect(await unsafeRunBilling()).toEqual({ created: 0 });
    const [dupes] = await owner()`select count(*)::int as n from (select subscription_id, period_start from invoices group by 1, 2 having count(*) > 1) d`;
    expect(dupes!.n).toBe(0);
    // Every invoice has its lines and a number; the numbers stayed gapless.
    const [bare] = await owner()`select count(*)::int as n from invoices i where not exists (select 1 from invoice_lines l where l.invoice_id = i.id)`;
    expect(bare!.n).toBe(0);
  });

  it('gives gapless numbers under 20 concurrent finalizations', async () => {
    const tenant = await tenantId('northwind');
    const cora = (await invoicesOf('company@northwind.example')).at(-1)!;
    const drafts = (await owner()`
      insert into invoices (tenant_id, subscription_id, user_id, status, currency, period_start, period_end, total_minor)
      select ${tenant}, ${cora.subscription_id}, i.user_id, 'draft', 'USD', now() + make_interval(days => 40 + g), now() + make_interval(days => 41 + g), 100
      from generate_series(1, 20) g, (select user_id from invoices where id = ${cora.id}) i returning id`) as unknown as { id: string }[];
    const year = new Date().getUTCFullYear();
    const [{ last }] = (await owner()`select coalesce((select last_value from number_series where tenant_id = ${tenant} and kind = 'invoice' and year = ${year}), 0) as last`) as unknown as [{ last: number }];
    const actor = { userId: null, label: 'test' };
    const numbers = await Promise.all(drafts.map((d) => inTenantScope({ tenantId: tenant }, async (tx) => finalizeInvoice(tx, tenant, d.id, await readBillingConfig(tx, tenant), actor))));
    const values = numbers.map((n) => Number(n.slice(-6))).sort((a, b) => a - b);
    expect(values).toEqual(Array.from({ length: 20 }, (_, i) => last + 1 + i));
  });
});

describe('payments', () => {
  it('partial then full; never more than the balance, never in another currency, never on a void invoice', async () => {
    const ctx = await clerk();
    const open = (await invoicesOf('advanced@northwind.example')).find((i) => i.status === 'open')!;
    const total = Number(open.total_minor);
    const pay = (amountMinor: number, extra: object = {}) => recordPayment(ctx, { id: open.id, amountMinor, currency: 'USD', method: 'bank_transfer', reference: 'T-1', paidOn: '2026-01-02', ...extra });
    const paymentsBefore = await count('payments');
    await expect(pay(total + 1)).rejects.toMatchObject({ code: 'VALIDATION_ERROR', details: { fieldErrors: { amountMinor: [expect.stringContaining('balance')] } } });
    await expect(pay(100, { currency: 'EUR' })).rejects.toMatchObject({ code: 'VALIDATION_ERROR', details: { fieldErrors: { currency: [expect.any(String)] } } });
    await expect(pay(100, { paidOn: '2999-01-01' })).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    expect(await count('payments')).toBe(paymentsBefore);
    const partial = await pay(1000);
    expect(partial).toMatchObject({ status: 'open', amountPaidMinor: 1000, balanceMinor: total - 1000 });
    const paid = await pay(total - 1000);
    expect(paid).toMatchObject({ status: 'paid', balanceMinor: 0 });
    expect(paid.history.map((h) => h.event)).toContain('pay');
    await expect(pay(1)).rejects.toMatchObject({ code: 'CONFLICT' });
    // Another tenant's invoice does not exist here.
    const [foreign] = await owner()`select i.id from invoices i join tenants t on t.id = i.tenant_id where t.slug = 'contoso' limit 1`;
    await expect(getInvoice(ctx, { id: foreign!.id as string })).rejects.toMatchObject({ code: 'INVOICE_NOT_FOUND' });
    await expect(recordPayment(ctx, { id: foreign!.id as string, amountMinor: 1, currency: 'EUR', method: 'cash', paidOn: '2026-01-01' })).rejects.toMatchObject({ code: 'INVOICE_NOT_FOUND' });
    // Support staff without billing cannot read invoices at all.
    await expect(listInvoices(await contextFor('northwind', 'basic@northwind.example'), {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('a void invoice takes no payment; voiding keeps the number', async () => {
    const ctx = await clerk();
    const open = (await invoicesOf('company@northwind.example')).find((i) => i.status === 'open') ?? (await invoicesOf('pat@example.com')).find((i) => i.status === 'open')!;
    const voided = await voidInvoice(ctx, { id: open.id, reason: 'Billed twice by mistake' });
    expect(voided).toMatchObject({ status: 'void', number: open.number, voidReason: 'Billed twice by mistake' });
    await expect(recordPayment(ctx, { id: open.id, amountMinor: 1, currency: 'USD', method: 'cash', paidOn: '2026-01-01' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(voidInvoice(ctx, { id: open.id, reason: 'again' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('an end user pays their own invoice with a test card; a declined card is recorded and pays nothing', async () => {
    const ada = await contextFor('northwind', 'advanced@northwind.example');
    const open = (await listMyInvoices(ada, {})).items.find((i) => i.status === 'open')!;
    const declinedBefore = (await owner()`select count(*)::int as n from payments where invoice_id = ${open.id} and status = 'declined'`)[0]!.n as number;
    await expect(payMyInvoice(ada, { id: open.id, cardNumber: '4000 0000 0000 0002', expiry: '12/30', cvc: '123' })).rejects.toMatchObject({ code: 'PAYMENT_DECLINED' });
    expect((await owner()`select count(*)::int as n from payments where invoice_id = ${open.id} and status = 'declined'`)[0]!.n).toBe(declinedBefore + 1);
    expect((await getMyInvoice(ada, { id: open.id })).status).toBe('open');
    const paid = await payMyInvoice(ada, { id: open.id, cardNumber: '4242 4242 4242 4242', expiry: '12/30', cvc: '123' });
    expect(paid).toMatchObject({ status: 'paid', balanceMinor: 0 });
    expect(paid.payments.at(-1)!.reference).toContain('card ending 4242');
    expect(JSON.stringify(await owner()`select * from payments where invoice_id = ${open.id}`)).not.toContain('4242424242424242');
    // Someone else's invoice is not found for Ben.
    await expect(payMyInvoice(await ben(), { id: open.id, cardNumber: '4242424242424242', expiry: '12/30', cvc: '123' })).rejects.toMatchObject({ code: 'INVOICE_NOT_FOUND' });
  });
});

describe('dunning', () => {
  it('moves the subscription once per step however often it runs; paying resumes it; the last step ends it', async () => {
    const sub = await assignPlan(await admin(), { userId: await userId('northwind', 'basic@northwind.example'), planId: await planId('Fiber Basic 100'), reason: 'Dunning test' });
    const [first] = await invoicesOf('basic@northwind.example');
    expect(first).toMatchObject({ status: 'open', subscription_id: sub.id });
    await owner()`update invoices set due_at = now() - interval '15 days' where id = ${first!.id}`;
    const events = async () => (await owner()`select event from subscription_events where subscription_id = ${sub.id} order by created_at`).map((r) => r.event);
    await unsafeRunDunning();
    await unsafeRunDunning();
    expect(await stateOf(sub.id)).toEqual({ state: 'suspended', suspension_reason: 'non_payment' });
    expect((await events()).filter((e) => e === 'suspend')).toHaveLength(1);
    expect((await owner()`select dunning_step from invoices where id = ${first!.id}`)[0]!.dunning_step).toBe(3);
    const mails = (await owner()`select subject from mail_outbox where to_address = 'basic@northwind.example' and subject like '%invoice%' or subject like '%Invoice%'`).map((m) => m.subject as string);
    expect(mails.filter((m) => m.includes('suspended')).length).toBeGreaterThanOrEqual(1);
    // Plan changes are blocked from the warning on.
    await expect(subscribe(await ben(), { planId: await planId('Fiber Pro 500') })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('overdue') });
    // Paying every overdue invoice resumes it at once.
    const paid = await payMyInvoice(await ben(), { id: first!.id, cardNumber: '4242424242424242', expiry: '01/31', cvc: '999' });
    expect(paid.status).toBe('paid');
    expect(await stateOf(sub.id)).toEqual({ state: 'signed', suspension_reason: null });
    expect((await events()).filter((e) => e === 'resume')).toHaveLength(1);

    // A second invoice left unpaid 31 days: uncollectible, and the subscription ends, once.
    const tenant = await tenantId('northwind');
    const [second] = (await owner()`insert into invoices (tenant_id, subscription_id, user_id, status, number, currency, period_start, period_end, due_at, total_minor, subtotal_minor)
      select tenant_id, subscription_id, user_id, 'open', 'NWF-1999-000001', currency, period_end, period_end + interval '1 month', now() - interval '31 days', 2999, 2999 from invoices where id = ${first!.id} returning id`) as unknown as { id: string }[];
    void tenant;
    await unsafeRunDunning();
    await unsafeRunDunning();
    expect((await owner()`select status, dunning_step from invoices where id = ${second!.id}`)[0]).toEqual({ status: 'uncollectible', dunning_step: 4 });
    expect((await stateOf(sub.id)).state).toBe('unsigned');
    const ev = await events();
    expect(ev.filter((e) => e === 'suspend')).toHaveLength(2);
    expect(ev.filter((e) => e === 'unpaid')).toHaveLength(1);
  });
});

describe('plan switch proration', () => {
  it('credits the unused whole days of the old plan on the new plan\'s first invoice', async () => {
    await updateSubscriptionSettings(await admin(), { allowPlanSwitching: true, signingRequiresApproval: false, suspensionGraceDays: 30 });
    await assignPlan(await admin(), { userId: await userId('northwind', 'basic@northwind.example'), planId: await planId('Fiber Basic 100'), reason: 'Start' });
    // Ten days into the month-long period.
    const start = new Date(Date.now() - 10 * 86_400_000);
    await owner()`update subscriptions s set anchor_at = ${start}, current_period_start = ${start}, current_period_end = ${start}::timestamptz + interval '1 month'
      from users u where u.id = s.user_id and u.email = 'basic@northwind.example' and s.state = 'signed'`;
    await owner()`update invoices i set period_start = ${start} from users u where u.id = i.user_id and u.email = 'basic@northwind.example'`;
    const signing = await subscribe(await ben(), { planId: await planId('Fiber Pro 500') });
    await confirmSubscription(await ben(), { id: signing.id, code: await mailedCode('basic@northwind.example'), signedName: 'Ben Basic', consent: true });
    const mine = await listMyInvoices(await ben(), {});
    const latest = await getMyInvoice(await ben(), { id: mine.items[0]!.id });
    expect(latest.lines.map((l) => l.kind)).toEqual(['charge', 'credit']);
    const credit = latest.lines[1]!;
    // Ten days and a moment used: the whole days left are the period's less eleven.
    const [, left, of] = /^Unused Fiber Basic 100, (\d+) of (\d+) days$/.exec(credit.description)!.map(Number);
    expect(left).toBe(of! - 11);
    expect(credit.amountMinor).toBe(-Math.round((2999 * left!) / of!));
    expect(latest.totalMinor).toBe(Math.round((5999 + credit.amountMinor) * 1.08));
  });
});

describe('consolidated billing', () => {
  it('includes exactly the tenants the caller bills through a live link (and home)', async () => {
    const alice = await contextFor(...ALICE);
    const summary = await consolidatedSummary(alice, {});
    const slugs = summary.tenants.map((t) => t.slug);
    expect(slugs).toContain('northwind');
    expect(slugs).not.toContain('contoso'); // msp_support: no billing
    expect(slugs).not.toContain('fabrikam'); // the link expired
    expect(summary.byTenant.every((r) => slugs.includes(r.tenant.slug))).toBe(true);
    // Never added across currencies: one row per currency.
    expect(new Set(summary.byCurrency.map((c) => c.currency)).size).toBe(summary.byCurrency.length);
    const northwind = summary.byTenant.filter((r) => r.tenant.slug === 'northwind');
    expect(northwind.length).toBeGreaterThan(0);
    expect(northwind[0]!.lastPayment).not.toBeNull();
    // The same totals as the tenant's own list for the same filter.
    const own = await listInvoices(await admin(), { limit: 1 });
    expect(own.totals.find((t) => t.currency === 'USD')!.totalMinor).toBe(northwind.find((r) => r.currency === 'USD')!.totalMinor);

    const contoso = await tenantId('contoso');
    await expect(consolidatedSummary(alice, { tenant_ids: contoso })).rejects.toMatchObject({ code: 'TENANT_ACCESS_DENIED', details: { tenantIds: [contoso] } });
    await expect(consolidatedInvoices(alice, { tenant_ids: 'not-a-uuid' })).rejects.toThrow('Not a tenant id');
    const list = await consolidatedInvoices(alice, { limit: 20, status: 'overdue' });
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((i) => i.tenant?.slug === 'northwind' && i.overdue)).toBe(true);
    // Each read through the link is audited in the managed tenant.
    const [audit] = await owner()`select count(*)::int as n from audit_events a join tenants t on t.id = a.tenant_id where t.slug = 'northwind' and a.action = 'invoices.list'`;
    expect(audit!.n).toBeGreaterThan(0);
  });

  it('audits a consolidated read in the linked tenants only: the audit function writes nowhere a live link does not reach', async () => {
    const app = postgres(process.env.DATABASE_APP_URL!, { max: 1, onnotice: () => {} });
    try {
      const links = await owner()`select l.id, t.slug from partner_tenant_links l join tenants t on t.id = l.managed_tenant_id
        join tenants p on p.id = l.partner_tenant_id where p.slug = 'acme-msp'`;
      const ids = `{${links.map((l) => l.id).join(',')}}`;
      const call = (scope: string) =>
        app.begin(async (tx) => {
          await tx`select set_config('app.tenant_id', ${scope}, true), set_config('app.tenant_ids', ${`{${scope}}`}, true)`;
          const [r] = await tx`select portal_audit_link_reads(${ids}::uuid[], null, 'probe', 'probe', null, null, 'probe.read', 'invoice', '{}'::jsonb) as n`;
          return r!.n as number;
        });
      // From acme: only the live links (northwind, contoso), never the expired fabrikam one.
      expect(await call(await tenantId('acme-msp'))).toBe(2);
      // From a tenant that is no partner of those links: nothing.
      expect(await call(await tenantId('globex'))).toBe(0);
      const written = await owner()`select t.slug from audit_events a join tenants t on t.id = a.tenant_id where a.action = 'probe.read' order by 1`;
      expect(written.map((r) => r.slug)).toEqual(['contoso', 'northwind']);
    } finally {
      await app.end();
    }
  });

  it('keeps totals per currency when a tenant bills in two', async () => {
    const eur = await createPlan(await admin(), { name: 'Euro Fiber', priceMinor: 1000, currency: 'EUR', billingCycle: 'monthly', availableFor: ['basic'] });
    await assignPlan(await admin(), { userId: await userId('northwind', 'basic@northwind.example'), planId: eur.id, reason: 'EUR customer' });
    const list = await listInvoices(await admin(), { limit: 5 });
    const currencies = list.totals.map((t) => t.currency);
    expect(currencies).toEqual(['EUR', 'USD']);
    expect(list.totals.find((t) => t.currency === 'EUR')!.totalMinor).toBe(1080);
    const eurOnly = await listInvoices(await admin(), { currency: 'EUR' });
    expect(eurOnly.items.map((i) => i.currency)).toEqual(['EUR']);
    void sql;
  });

  it('the running totals agree with the invoices under every filter, after payments, voids, dunning and a run; invoices due today are overdue only once due', async () => {
    const northwind = await tenantId('northwind');
    const ctx = await clerk();
    // Two open invoices fall due today: one an hour ago (overdue), one in an hour (not yet).
    const open = (await owner()`select id from invoices where tenant_id = ${northwind} and status = 'open' order by number limit 2`).map((r) => r.id as string);
    await owner()`update invoices set due_at = now() - interval '1 hour' where id = ${open[0]!}`;
    await owner()`update invoices set due_at = now() + interval '1 hour' where id = ${open[1]!}`;
    // Some of everything: a partial payment, a void, the jobs.
    const [other] = await owner()`select id, total_minor from invoices where tenant_id = ${northwind} and status = 'open' and id <> all(${open}::uuid[]) order by number desc limit 1`;
    await recordPayment(ctx, { id: other!.id as string, amountMinor: 1, currency: 'USD', method: 'cash', paidOn: '2026-01-02' });
    const [toVoid] = await owner()`select id from invoices where tenant_id = ${northwind} and status = 'open' and id <> all(${[...open, other!.id as string]}::uuid[]) order by number limit 1`;
    if (toVoid) await voidInvoice(ctx, { id: toVoid.id as string, reason: 'Testing the totals' });
    await unsafeRunBilling();
    await unsafeRunDunning();

    // The rollup row for row equals a GROUP BY over the invoices (no drift, no negative leftovers).
    const drift = await owner()`
      with want as (select tenant_id, (issued_at at time zone 'UTC')::date as day, currency, status, coalesce((due_at at time zone 'UTC')::date, date '1970-01-01') as due_day,
                           count(*)::int as n, sum(total_minor)::bigint as total, sum(amount_paid_minor)::bigint as paid from invoices where status <> 'draft' group by 1, 2, 3, 4, 5),
           have as (select tenant_id, day, currency, status, due_day, invoice_count as n, total_minor as total, paid_minor as paid from invoice_day_totals where invoice_count <> 0 or total_minor <> 0 or paid_minor <> 0)
      (select * from want except select * from have) union all (select * from have except select * from want)`;
    expect(drift).toEqual([]);

    // Each filter the rollup answers, against the same filter with an amount range that keeps
    // every invoice (which reads the invoices themselves).
    const [{ lo, mid }] = (await owner()`select min((issued_at at time zone 'UTC')::date)::text as lo,
      percentile_disc(0.5) within group (order by (issued_at at time zone 'UTC')::date)::text as mid from invoices where tenant_id = ${northwind} and status <> 'draft'`) as unknown as [{ lo: string; mid: string }];
    const filters = [{}, { status: 'open' as const }, { status: 'overdue' as const }, { status: 'paid' as const }, { status: 'void' as const }, { currency: 'USD' as const }, { from_date: mid }, { to_date: mid }, { from_date: lo, to_date: mid, status: 'finalized' as const }];
    for (const f of filters) {
      const rolled = (await listInvoices(ctx, { ...f, limit: 1 })).totals;
      const scanned = (await listInvoices(ctx, { ...f, limit: 1, min_amount: 0 })).totals;
      expect(rolled, JSON.stringify(f)).toEqual(scanned);
    }
    expect((await getInvoice(ctx, { id: open[0]! })).overdue).toBe(true);
    expect((await getInvoice(ctx, { id: open[1]! })).overdue).toBe(false);
    const usd = (l: { totals: { currency: string; count: number; overdueCount: number }[] }) => l.totals.find((t) => t.currency === 'USD')!;
    const overdueOnly = usd(await listInvoices(ctx, { status: 'overdue', limit: 1 }));
    expect(overdueOnly.count).toBe(usd(await listInvoices(ctx, { limit: 1 })).overdueCount);
    expect(overdueOnly.count).toBeGreaterThan(0);
  });
});
