import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createPlan, deletePlan, discontinuePlan, getPlan, listMyPlanCards, listPlans, previewPlanCards, updatePlan } from '@/lib/data/plans';
import {
  approveSubscription,
  assignPlan,
  cancelMySubscription,
  cancelSubscription,
  confirmSubscription,
  getMySubscription,
  getSubscription,
  keepMySubscription,
  listSubscriptions,
  rejectSubscription,
  resumeSubscription,
  subscribe,
  suspendSubscription,
  updateSubscriptionSettings,
  withdrawSigning,
} from '@/lib/data/subscriptions';
import { unsafeRunSubscriptionGrace, unsafeRunSubscriptionPeriods } from '@/lib/data/internal/subscription-jobs';
import { changeUserType } from '@/lib/data/user-types';
import { allows, subscriptionTransitions, type SubscriptionEvent } from '@/lib/config/subscriptions';
import { subscriptionStates } from '@/lib/config/enums';
import { requestHash } from '@/lib/api/idempotency';
import { subscriptionsListQuery } from '@/lib/data/subscriptions';
import { listSubscriptionsSchema, type PlanDto, type PlanInput } from '@/lib/validation/plans';
import { ALICE, contextFor, owner, tenantId, userId } from '../support/world';
import { parentOf, planOf } from '../support/plans';

const admin = () => contextFor('northwind', 'admin@northwind.example');
const ben = () => contextFor('northwind', 'basic@northwind.example');
const planId = async (name: string, slug = 'northwind') => (await owner()`select p.id from plans p join tenants t on t.id = p.tenant_id where t.slug = ${slug} and p.name = ${name}`)[0]!.id as string;
const subOf = async (email: string, slug = 'northwind') =>
  (await owner()`select s.* from subscriptions s join users u on u.tenant_id = s.tenant_id and u.id = s.user_id join tenants t on t.id = s.tenant_id
    where t.slug = ${slug} and u.email = ${email} order by s.created_at desc limit 1`)[0] as { id: string; state: string; price_minor: string | number; next_price_minor: number | null; cancel_at_period_end: boolean } | undefined;
/** The code in the latest confirmation mail to an address (what the subscriber reads). */
const mailedCode = async (to: string) => {
  const [m] = await owner()`select body from mail_outbox where to_address = ${to} and subject like '%confirmation code%' order by created_at desc limit 1`;
  return /code is (\d{6})/.exec(m!.body as string)![1]!;
};
const validPlan: PlanInput = { name: 'Test Fiber 10', priceMinor: 1999, currency: 'USD', billingCycle: 'monthly', availableFor: ['basic'] };
/** A plan as its edit form would send it back. */
const asInput = ({ name, description, features, priceMinor, currency, billingCycle, availableFor, opsPerDay, opsPerWeek, inactivityTimeoutMinutes, active }: PlanDto): PlanInput => ({
  name, description, features, priceMinor, currency: currency as PlanInput['currency'], billingCycle, availableFor, opsPerDay, opsPerWeek, inactivityTimeoutMinutes, active,
});

describe('plans', () => {
  it('are created in minor units and refuse bad input without writing anything', async () => {
    const ctx = await admin();
    const created = await createPlan(ctx, { ...validPlan, features: ['Fast'] });
    expect(created).toMatchObject({ priceMinor: 1999, currency: 'USD', availableFor: ['basic'], active: true, subscriberCount: 0 });
    const bad = [
      { priceMinor: -1 },
      { priceMinor: 1_000_000_001 },
      { priceMinor: 19.99 },
      { currency: 'XYZ' },
      { availableFor: [] },
      { availableFor: ['guest'] },
      { availableFor: ['admin', 'basic'] },
      { billingCycle: 'weekly' },
    ];
    const before = (await owner()`select count(*)::int as n from plans`)[0]!.n;
    for (const patch of bad) await expect(createPlan(ctx, { ...validPlan, name: `Bad ${randomUUID()}`, ...patch } as never)).rejects.toThrow();
    await expect(createPlan(ctx, validPlan)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await owner()`select count(*)::int as n from plans`)[0]!.n).toBe(before);
    // Another tenant's plan is not found, to read, edit or delete.
    const foreign = await planId('Globex Home', 'globex');
    await expect(getPlan(ctx, { id: foreign })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(updatePlan(ctx, { id: foreign, ...validPlan, name: 'Taken over' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(deletePlan(ctx, { id: foreign })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await owner()`select name from plans where id = ${foreign}`)[0]!.name).toBe('Globex Home');
  });

  it('filter by user type as the documents API does, and count subscribers', async () => {
    const all = await listPlans(await admin(), {});
    expect(all.map((p) => p.name)).toEqual(expect.arrayContaining(['Fiber Basic 100', 'Fiber Pro 500', 'Business 1G', 'Copper Legacy 20']));
    const company = await listPlans(await admin(), { user_types: ['company'] });
    expect(company.map((p) => p.name)).toEqual(['Business 1G']);
    expect(all.find((p) => p.name === 'Business 1G')!.subscriberCount).toBeGreaterThan(0);
  });

  it('keep the price snapshot of current subscriptions unless the admin applies it from the next period', async () => {
    const id = await planId('Business 1G');
    const cora = await subOf('company@northwind.example');
    const plan = await getPlan(await admin(), { id });
    const edited = await updatePlan(await admin(), { id, ...asInput(plan), priceMinor: 15900 });
    expect(edited.appliedTo).toBe(0);
    expect(Number((await subOf('company@northwind.example'))!.price_minor)).toBe(Number(cora!.price_minor));
    const applied = await updatePlan(await admin(), { id, ...asInput(plan), priceMinor: 16900, applyToSubscribers: true });
    expect(applied.appliedTo).toBe(plan.subscriberCount);
    const after = await subOf('company@northwind.example');
    expect([Number(after!.price_minor), Number(after!.next_price_minor)]).toEqual([14900, 16900]);
    // Currency and cycle stay while anyone is subscribed.
    await expect(updatePlan(await admin(), { id, ...asInput(plan), currency: 'EUR' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('with subscription history cannot be deleted; without, can', async () => {
    await expect(deletePlan(await admin(), { id: await planId('Fiber Pro 500') })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/Deactivate/) });
    const fresh = await createPlan(await admin(), { ...validPlan, name: 'Short-lived' });
    await deletePlan(await admin(), { id: fresh.id });
    expect(await owner()`select 1 from plans where id = ${fresh.id}`).toHaveLength(0);
    expect(await owner()`select 1 from audit_events where action = 'plan.delete' and resource_id = ${fresh.id}`).toHaveLength(1);
  });
});

describe('eligibility', () => {
  it('each user type sees every active plan, the ones it may not have explained', async () => {
    const cards = async (email: string) => Object.fromEntries((await listMyPlanCards(await contextFor('northwind', email))).map((c) => [c.name, c.eligible ? 'ok' : c.reason]));
    expect(await cards('guest@northwind.example')).toMatchObject({ 'Fiber Basic 100': 'Complete identity verification to subscribe.', 'Business 1G': 'Complete identity verification to subscribe.' });
    expect(await cards('basic@northwind.example')).toEqual({
      'Fiber Basic 100': 'ok',
      'Fiber Basic 100 (yearly)': 'ok',
      'Fiber Pro 500': 'ok',
      'Business 1G': 'Available to company. You are basic.',
    });
    expect(await cards('advanced@northwind.example')).toMatchObject({ 'Fiber Basic 100': 'ok', 'Fiber Pro 500': 'ok', 'Business 1G': 'Available to company. You are advanced.' });
    expect(await cards('company@northwind.example')).toMatchObject({ 'Fiber Basic 100': 'ok', 'Fiber Pro 500': 'ok', 'Business 1G': 'ok' });
    expect(await cards('admin@northwind.example')).toMatchObject({ 'Fiber Basic 100': 'Staff accounts do not subscribe to plans.' });
    // Inactive plans are not offered; the preview shows exactly a type's cards.
    expect(Object.keys(await cards('company@northwind.example'))).not.toContain('Copper Legacy 20');
    const preview = await previewPlanCards(await admin(), { as: 'basic' });
    expect(Object.fromEntries(preview.map((c) => [c.name, c.eligible ? 'ok' : c.reason]))).toEqual(await cards('basic@northwind.example'));
  });

  it('refuses an ineligible or inactive plan, and a guest or admin cannot subscribe at all', async () => {
    await expect(subscribe(await ben(), { planId: await planId('Business 1G') })).rejects.toMatchObject({ code: 'VALIDATION_ERROR', message: 'Available to company. You are basic.' });
    await expect(subscribe(await ben(), { planId: await planId('Copper Legacy 20') })).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    await expect(subscribe(await ben(), { planId: await planId('Globex Home', 'globex') })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(subscribe(await contextFor('northwind', 'guest@northwind.example'), { planId: await planId('Fiber Basic 100') })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(subscribe(await admin(), { planId: await planId('Fiber Basic 100') })).rejects.toMatchObject({ code: 'VALIDATION_ERROR', message: 'Staff accounts do not subscribe to plans.' });
    expect(await subOf('basic@northwind.example')).toBeUndefined();
  });
});

describe('signing', () => {
  it('subscribe -> code by mail -> wrong code uses a try, wrong name is refused -> signed, with the plan limits in force', async () => {
    const plan = await planId('Fiber Basic 100');
    const signing = await subscribe(await ben(), { planId: plan });
    expect(signing).toMatchObject({ state: 'signing', priceMinor: 2999, currency: 'USD', plan: { name: 'Fiber Basic 100' } });
    expect((await getMySubscription(await ben())).status).toBe('signing');
    expect((await getMySubscription(await ben())).subStatus).toBe('unsigned');
    const code = await mailedCode('basic@northwind.example');
    const wrong = code === '000000' ? '111111' : '000000';
    await expect(confirmSubscription(await ben(), { id: signing.id, code: wrong, signedName: 'Ben Basic', consent: true })).rejects.toMatchObject({ code: 'VALIDATION_ERROR', message: 'That code is not right. 4 tries left.' });
    await expect(confirmSubscription(await ben(), { id: signing.id, code, signedName: 'Someone Else', consent: true })).rejects.toMatchObject({ code: 'VALIDATION_ERROR', details: { fieldErrors: { signedName: [expect.any(String)] } } });
    expect((await subOf('basic@northwind.example'))!.state).toBe('signing');
    const signed = await confirmSubscription(await ben(), { id: signing.id, code, signedName: '  ben   BASIC ', consent: true });
    expect(signed).toMatchObject({ state: 'signed', cancelAtPeriodEnd: false });
    expect(signed.currentPeriodEnd).not.toBeNull();
    const mine = await getMySubscription(await ben());
    expect(mine).toMatchObject({ subStatus: 'signed', status: 'active' });
    expect(mine.subscription!.history!.map((h) => h.event)).toEqual(['confirm', 'subscribe']);
    // Fiber Basic 100 grants 40 operations a day and 120 a week while signed (basic: 20 and 50).
    expect((await ben()).policy).toMatchObject({ opsPerDay: 40, opsPerWeek: 120 });
    // The same code cannot sign twice.
    await expect(confirmSubscription(await ben(), { id: signing.id, code, signedName: 'Ben Basic', consent: true })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('five wrong codes end the code; an expired code is refused; another user cannot confirm', async () => {
    const signing = await subscribe(await ben(), { planId: await planId('Fiber Pro 500') });
    const code = await mailedCode('basic@northwind.example');
    const other = await contextFor('northwind', 'pat@example.com');
    await expect(confirmSubscription(other, { id: signing.id, code, signedName: 'Pat Northwind', consent: true })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const wrong = code === '999999' ? '888888' : '999999';
    for (let i = 0; i < 5; i++) await expect(confirmSubscription(await ben(), { id: signing.id, code: wrong, signedName: 'Ben Basic', consent: true })).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    await expect(confirmSubscription(await ben(), { id: signing.id, code, signedName: 'Ben Basic', consent: true })).rejects.toMatchObject({ message: 'Too many wrong codes. Send a new code.' });
    await owner()`update subscription_codes set attempts = 0, expires_at = now() - interval '1 second' where subscription_id = ${signing.id}`;
    await expect(confirmSubscription(await ben(), { id: signing.id, code, signedName: 'Ben Basic', consent: true })).rejects.toMatchObject({ message: 'This code has expired. Send a new code.' });
    expect((await subOf('basic@northwind.example'))!.state).toBe('signing');
    await withdrawSigning(await ben(), { id: signing.id });
    expect((await subOf('basic@northwind.example'))!.state).toBe('unsigned');
  });

  it('waits for an admin where the tenant approves by hand; reject ends it', async () => {
    await updateSubscriptionSettings(await admin(), { allowPlanSwitching: false, signingRequiresApproval: true, suspensionGraceDays: 30 });
    const signing = await subscribe(await ben(), { planId: await planId('Fiber Basic 100') });
    await expect(approveSubscription(await admin(), { id: signing.id })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/not confirmed/) });
    const waiting = await confirmSubscription(await ben(), { id: signing.id, code: await mailedCode('basic@northwind.example'), signedName: 'Ben Basic', consent: true });
    expect(waiting).toMatchObject({ state: 'signing', awaitingApproval: true });
    const approved = await approveSubscription(await admin(), { id: signing.id });
    expect(approved.state).toBe('signed');
    expect(approved.history!.map((h) => [h.from, h.to, h.event])).toEqual([
      ['signing', 'signed', 'approve'],
      ['signing', 'signing', 'confirm_for_approval'],
      [null, 'signing', 'subscribe'],
    ]);
    // Eve's seeded signing waits too; a rejection needs a reason and ends it.
    const eve = await subOf('expiring@northwind.example');
    await expect(rejectSubscription(await admin(), { id: eve!.id, reason: '' })).rejects.toThrow();
    const rejected = await rejectSubscription(await admin(), { id: eve!.id, reason: 'Address outside our network' });
    expect(rejected.state).toBe('unsigned');
  });

  it('one current plan: a second subscribe says cancel first, unless the tenant allows switching', async () => {
    const cora = await contextFor('northwind', 'company@northwind.example');
    await expect(subscribe(cora, { planId: await planId('Fiber Pro 500') })).rejects.toMatchObject({ code: 'CONFLICT', message: 'One plan at a time: cancel Business 1G first.' });
    await updateSubscriptionSettings(await admin(), { allowPlanSwitching: true, signingRequiresApproval: false, suspensionGraceDays: 30 });
    const switching = await subscribe(cora, { planId: await planId('Fiber Pro 500') });
    expect((await owner()`select cancel_at_period_end from subscriptions where user_id = ${await userId('northwind', 'company@northwind.example')} and state = 'signed'`)[0]!.cancel_at_period_end).toBe(true);
    // Fiber Pro 500 costs less than Business 1G: confirmed, it waits for the current period's end.
    const confirmed = await confirmSubscription(cora, { id: switching.id, code: await mailedCode('company@northwind.example'), signedName: 'Cora Company', consent: true });
    const coraId = await userId('northwind', 'company@northwind.example');
    const [business] = await owner()`select id, current_period_end from subscriptions where user_id = ${coraId} and state = 'signed'`;
    expect(confirmed).toMatchObject({ state: 'signing', awaitingApproval: false, startsAt: business!.current_period_end.toISOString() });
    const mine = await getMySubscription(cora);
    expect(mine).toMatchObject({ subStatus: 'signed', subscription: { plan: { name: 'Business 1G' }, cancelAtPeriodEnd: true }, signing: { plan: { name: 'Fiber Pro 500' } } });
    const states = async () =>
      (await owner()`select p.name, s.state from subscriptions s join plans p on p.tenant_id = s.tenant_id and p.id = s.plan_id where s.user_id = ${coraId} order by s.created_at`).map((r) => `${r.name}:${r.state}`);
    expect(await states()).toEqual(['Business 1G:signed', 'Fiber Pro 500:signing']);
    // Before the period end the job changes nothing; after it, the old plan ends and the new one
    // starts from that moment, invoiced for its first whole period, without any credit.
    await unsafeRunSubscriptionPeriods();
    expect(await states()).toEqual(['Business 1G:signed', 'Fiber Pro 500:signing']);
    const end = new Date(Date.now() - 3_600_000);
    await owner()`update subscriptions set current_period_end = ${end} where id = ${business!.id}`;
    await owner()`update subscriptions set starts_at = ${end} where id = ${switching.id}`;
    expect(await unsafeRunSubscriptionPeriods()).toMatchObject({ ended: 1, started: 1 });
    expect(await states()).toEqual(['Business 1G:unsigned', 'Fiber Pro 500:signed']);
    const started = await getSubscription(await admin(), { id: switching.id });
    expect(started).toMatchObject({ state: 'signed', startsAt: null, currentPeriodStart: end.toISOString() });
    const [invoice] = await owner()`select i.period_start, i.subtotal_minor::int as subtotal_minor, array_agg(l.kind) as kinds from invoices i join invoice_lines l on l.tenant_id = i.tenant_id and l.invoice_id = i.id
      where i.subscription_id = ${switching.id} group by i.tenant_id, i.id`;
    expect(invoice).toMatchObject({ period_start: end, subtotal_minor: 5999, kinds: ['charge'] });
    // Running again starts nothing twice.
    expect(await unsafeRunSubscriptionPeriods()).toMatchObject({ ended: 0, started: 0 });
  });

  it('an upgrade starts at once; with approval by hand, a downgrade approved waits for the period end', async () => {
    await updateSubscriptionSettings(await admin(), { allowPlanSwitching: true, signingRequiresApproval: true, suspensionGraceDays: 30 });
    const ada = await contextFor('northwind', 'advanced@northwind.example');
    const adaId = await userId('northwind', 'advanced@northwind.example');
    const [current] = await owner()`select p.name from subscriptions s join plans p on p.id = s.plan_id where s.user_id = ${adaId} and s.state = 'signed'`;
    expect(current!.name).toBe('Fiber Pro 500');
    // Down to Fiber Basic 100: confirmed, waiting for approval; approved, scheduled.
    const down = await subscribe(ada, { planId: await planId('Fiber Basic 100') });
    expect(await confirmSubscription(ada, { id: down.id, code: await mailedCode('advanced@northwind.example'), signedName: 'Ada Advanced', consent: true })).toMatchObject({ awaitingApproval: true, startsAt: null });
    const approved = await approveSubscription(await admin(), { id: down.id });
    expect(approved.state).toBe('signing');
    expect(approved.awaitingApproval).toBe(false);
    expect(approved.startsAt).not.toBeNull();
    await expect(approveSubscription(await admin(), { id: down.id })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('Already approved') });
    // Withdrawn by the user, the current plan is untouched by it; an upgrade then starts at once.
    await withdrawSigning(ada, { id: down.id });
    await keepMySubscription(ada);
    await updateSubscriptionSettings(await admin(), { allowPlanSwitching: true, signingRequiresApproval: false, suspensionGraceDays: 30 });
    await owner()`update users set type = 'company' where id = ${adaId}`;
    const up = await subscribe(await contextFor('northwind', 'advanced@northwind.example'), { planId: await planId('Business 1G') });
    const signed = await confirmSubscription(await contextFor('northwind', 'advanced@northwind.example'), { id: up.id, code: await mailedCode('advanced@northwind.example'), signedName: 'Ada Advanced', consent: true });
    expect(signed).toMatchObject({ state: 'signed', startsAt: null });
    const [old] = await owner()`select state, cancel_reason from subscriptions s join plans p on p.id = s.plan_id where s.user_id = ${adaId} and p.name = 'Fiber Pro 500' order by s.created_at desc limit 1`;
    expect(old).toMatchObject({ state: 'unsigned' });
  });
});

describe('the state machine', () => {
  it('lists every transition of DESIGN.md and nothing else', () => {
    const edges = new Set<string>();
    for (const rule of Object.values(subscriptionTransitions)) for (const from of rule.from) if (from !== rule.to) edges.add(`${from ?? 'none'}->${rule.to}`);
    expect([...edges].sort()).toEqual(['none->signed', 'none->signing', 'signed->suspended', 'signed->unsigned', 'signing->signed', 'signing->unsigned', 'suspended->signed', 'suspended->unsigned'].sort());
    for (const state of subscriptionStates) expect(allows('suspend', state)).toBe(state === 'signed');
  });

  it('applies every allowed staff transition and refuses every other with 409, changing nothing', async () => {
    const staff: [SubscriptionEvent, (id: string) => Promise<unknown>][] = [
      ['suspend', async (id) => suspendSubscription(await admin(), { id, reason: 'admin', note: 'Testing the machine' })],
      ['resume', async (id) => resumeSubscription(await admin(), { id, note: 'Testing the machine' })],
      ['approve', async (id) => approveSubscription(await admin(), { id })],
      ['reject', async (id) => rejectSubscription(await admin(), { id, reason: 'Testing the machine' })],
      ['cancel', async (id) => cancelSubscription(await admin(), { id, at_period_end: false })],
    ];
    const pat = (await subOf('pat@example.com'))!; // suspended
    const ada = (await subOf('advanced@northwind.example'))!; // signed
    const upgrade = (await subOf('upgrade@northwind.example'))!; // ended
    for (const [event, run] of staff) {
      for (const sub of [pat, ada, upgrade]) {
        const before = (await owner()`select state, updated_at from subscriptions where id = ${sub.id}`)[0]!;
        if (allows(event, before.state as never) && event !== 'approve') continue;
        await expect(run(sub.id), `${event} on ${before.state}`).rejects.toMatchObject({ code: 'CONFLICT' });
        expect((await owner()`select state, updated_at from subscriptions where id = ${sub.id}`)[0]).toEqual(before);
      }
    }
    // The allowed ones, in a row: suspend, resume, cancel at period end, keep, cancel now.
    const suspended = await suspendSubscription(await admin(), { id: ada.id, reason: 'policy_violation', note: 'Reselling the line' });
    expect(suspended).toMatchObject({ state: 'suspended', suspensionReason: 'policy_violation' });
    expect(suspended.graceEndsAt).not.toBeNull();
    // The subscriber's own view carries the banner's notice, with the grace end the staff see.
    const adaView = await getMySubscription(await contextFor('northwind', 'advanced@northwind.example'));
    expect(adaView.suspension).toMatchObject({ planName: 'Fiber Pro 500', reason: 'policy_violation', note: 'Reselling the line', endsAt: suspended.graceEndsAt });
    expect(adaView.suspension!.features.length).toBeGreaterThan(0);
    expect((await resumeSubscription(await admin(), { id: ada.id, note: 'Explained' })).state).toBe('signed');
    const ctx = await contextFor('northwind', 'advanced@northwind.example');
    expect((await keepMySubscription(ctx)).cancelAtPeriodEnd).toBe(false);
    expect((await cancelMySubscription(ctx, { at_period_end: true, reason: 'Moving' })).cancelAtPeriodEnd).toBe(true);
    expect((await cancelMySubscription(ctx, { at_period_end: false })).state).toBe('unsigned');
    const history = (await getSubscription(await admin(), { id: ada.id })).history!.map((h) => h.event);
    expect(history.slice(0, 5)).toEqual(['cancel', 'schedule_cancel', 'keep', 'resume', 'suspend']);
  });

  it('100 concurrent conflicting transitions on one subscription: exactly one succeeds, 99 are 409', async () => {
    const cora = (await subOf('company@northwind.example'))!;
    const ctx = await admin();
    const results = await Promise.allSettled(Array.from({ length: 100 }, () => suspendSubscription(ctx, { id: cora.id, reason: 'admin', note: 'Race' })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused.map((r) => (r.reason as { code: string }).code)).toEqual(Array(99).fill('CONFLICT'));
    expect(await owner()`select 1 from subscription_events where subscription_id = ${cora.id} and event = 'suspend'`).toHaveLength(1);
  });
});

describe('idempotency keys', () => {
  it('same key and body: the first answer, one subscription; another body: 422; expired: runs again', async () => {
    const plan = await planId('Fiber Basic 100');
    const key = { key: randomUUID(), requestHash: requestHash('POST /api/v1/subscriptions', { planId: plan }) };
    const first = await subscribe(await ben(), { planId: plan }, key);
    const again = await subscribe(await ben(), { planId: plan }, key);
    expect(again).toEqual(first);
    expect(await owner()`select 1 from subscriptions where user_id = ${await userId('northwind', 'basic@northwind.example')}`).toHaveLength(1);
    const other = await planId('Fiber Pro 500');
    await expect(subscribe(await ben(), { planId: other }, { key: key.key, requestHash: requestHash('POST /api/v1/subscriptions', { planId: other }) })).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    // Another user's identical key is theirs alone.
    await expect(subscribe(await contextFor('northwind', 'pat@example.com'), { planId: plan }, key)).rejects.toMatchObject({ code: 'CONFLICT' });
    await owner()`update idempotency_keys set created_at = now() - interval '25 hours' where key = ${key.key}`;
    await expect(subscribe(await ben(), { planId: plan }, key)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/still open/) });
  });
});

describe('automatic transitions', () => {
  it('a suspension past the grace period ends (the job is safe to run twice)', async () => {
    const pat = (await subOf('pat@example.com'))!;
    expect((await unsafeRunSubscriptionGrace()).ended).toBe(0);
    await owner()`update subscriptions set suspended_at = now() - interval '31 days' where id = ${pat.id}`;
    expect((await unsafeRunSubscriptionGrace()).ended).toBeGreaterThanOrEqual(1);
    expect((await subOf('pat@example.com'))!.state).toBe('unsigned');
    const [event] = await owner()`select event, actor_label, reason from subscription_events where subscription_id = ${pat.id} order by created_at desc limit 1`;
    expect(event).toEqual({ event: 'grace_expired', actor_label: 'system', reason: 'Not resumed within 30 days' });
    expect((await unsafeRunSubscriptionGrace()).ended).toBe(0);
  });

  it('a discontinued plan ends its subscriptions at their period end; periods renew (both safe to run twice)', async () => {
    const pro = await planId('Fiber Pro 500');
    const result = await discontinuePlan(await admin(), { id: pro });
    expect(result).toMatchObject({ active: false });
    expect(result.scheduled).toBeGreaterThan(0);
    await expect(subscribe(await ben(), { planId: pro })).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    const on = await owner()`select id from subscriptions where plan_id = ${pro} and state = 'signed'`;
    expect(on.length).toBeGreaterThan(0);
    await owner()`update subscriptions set current_period_end = now() - interval '1 minute' where plan_id = ${pro} and state = 'signed'`;
    // One Business 1G period is over too: it renews on its anchor.
    const cora = (await subOf('company@northwind.example'))!;
    await owner()`update subscriptions set anchor_at = now() - interval '1 month' - interval '1 minute', current_period_end = now() - interval '1 minute', period_index = 0 where id = ${cora.id}`;
    const first = await unsafeRunSubscriptionPeriods();
    expect(first.ended).toBe(on.length);
    expect(first.renewed).toBeGreaterThanOrEqual(1);
    expect(await owner()`select 1 from subscriptions where plan_id = ${pro} and state = 'signed'`).toHaveLength(0);
    const [renewed] = await owner()`select period_index, current_period_end > now() as ahead from subscriptions where id = ${cora.id}`;
    expect(renewed).toEqual({ period_index: 1, ahead: true });
    expect(await unsafeRunSubscriptionPeriods()).toMatchObject({ ended: 0, renewed: 0 });
  });

  it("a downgrade to a type the plan does not allow ends the subscription, with the reason", async () => {
    const cora = await userId('northwind', 'company@northwind.example');
    await changeUserType(await admin(), { id: cora, to: 'advanced', reason: 'Company closed' });
    const [row] = await owner()`select s.state, e.event, e.reason from subscriptions s join subscription_events e on e.tenant_id = s.tenant_id and e.subscription_id = s.id
      where s.user_id = ${cora} order by e.created_at desc limit 1`;
    expect(row).toEqual({ state: 'unsigned', event: 'downgrade', reason: 'Business 1G is not available to advanced users' });
    // Fiber Pro 500 (basic and advanced) survives a move from advanced to basic.
    const ada = await userId('northwind', 'advanced@northwind.example');
    await changeUserType(await admin(), { id: ada, to: 'basic', reason: 'Address proof withdrawn' });
    expect((await subOf('advanced@northwind.example'))!.state).toBe('signed');
  });
});

describe('staff and partners', () => {
  it('through an msp_full link a partner suspends and assigns plans, audited with both identities', async () => {
    const alice = await contextFor(...ALICE, 'northwind');
    const cora = (await subOf('company@northwind.example'))!;
    const suspended = await suspendSubscription(alice, { id: cora.id, reason: 'non_payment', note: 'Unpaid since October' });
    expect(suspended.history![0]!.actor).toBe('alice@acme-msp.example (Acme Managed Services)');
    const [audit] = await owner()`select via, link_id is not null as linked, actor_tenant_id = ${await tenantId('acme-msp')} as partner from audit_events where action = 'subscription.suspend' and resource_id = ${cora.id}`;
    expect(audit).toEqual({ via: 'link', linked: true, partner: true });
    const ben = await userId('northwind', 'basic@northwind.example');
    const assigned = await assignPlan(alice, { userId: ben, planId: await planId('Fiber Basic 100'), reason: 'Promotion for movers' });
    expect(assigned).toMatchObject({ state: 'signed', user: { id: ben } });
    await expect(assignPlan(alice, { userId: ben, planId: await planId('Fiber Basic 100'), reason: 'Twice' })).rejects.toMatchObject({ code: 'CONFLICT' });
    const foreign = (await subOf('pat@example.com', 'globex'))!;
    await expect(suspendSubscription(alice, { id: foreign.id, reason: 'admin', note: 'Not ours' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getSubscription(await admin(), { id: foreign.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a link without provisioning permissions cannot touch subscriptions', async () => {
    const support = await contextFor(...ALICE, 'contoso'); // msp_support
    await expect(listSubscriptions(support, {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(listPlans(support, {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const cora = (await subOf('company@northwind.example'))!;
    const billingOnly = await contextFor('acme-msp', 'sam@acme-msp.example', 'northwind');
    await expect(suspendSubscription(billingOnly, { id: cora.id, reason: 'admin', note: 'Not allowed' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await subOf('company@northwind.example'))!.state).toBe('signed');
  });

  it('the list filters by state and plan, keyset-paged, and its query uses an index', async () => {
    const page = await listSubscriptions(await admin(), { state: 'suspended', limit: 5 });
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((s) => s.state === 'suspended')).toBe(true);
    const pro = await planId('Fiber Pro 500');
    const byPlan = await listSubscriptions(await admin(), { planId: pro, limit: 100 });
    expect(byPlan.items.every((s) => s.plan.id === pro)).toBe(true);
    const all = await listSubscriptions(await admin(), { limit: 10 });
    const next = await listSubscriptions(await admin(), { limit: 10, cursor: all.nextCursor! });
    expect(next.items.map((s) => s.id)).not.toContain(all.items[0]!.id);
    const northwind = await tenantId('northwind');
    for (const filter of [{}, { state: 'signed' }, { planId: pro }]) {
      const plan = await planOf(northwind, (tx) => subscriptionsListQuery(tx, northwind, listSubscriptionsSchema.parse(filter)));
      // The page is cut on the index first (limit + 1 rows, the index scan right under the Limit,
      // no sort between), then joined: never a whole tenant read or sorted.
      expect(parentOf(plan, /Index (Only )?Scan( Backward)? using subscriptions_\w+ on subscriptions/), JSON.stringify(filter)).toMatch(/^Limit/);
      expect(plan, JSON.stringify(filter)).not.toMatch(/Seq Scan on (subscriptions|plans|users)/);
    }
  });
});
