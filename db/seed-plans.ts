import { createHash, randomBytes } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from './client';
import { plans, subscriptionCodes, subscriptionEvents, subscriptions, users } from './schema';

const DAY = 24 * 60 * 60 * 1000;

type PlanSeed = Omit<typeof plans.$inferInsert, 'tenantId'>;

/** Northwind's catalogue (README lists who is on which plan). */
const northwindPlans: PlanSeed[] = [
  {
    name: 'Fiber Basic 100',
    description: 'Reliable fiber for everyday browsing and streaming.',
    features: ['100 Mbit/s down, 20 up', 'Wi-Fi router included', 'Support by e-mail'],
    priceMinor: 2999,
    currency: 'USD',
    billingCycle: 'monthly',
    availableFor: ['basic'],
    opsPerDay: 40,
    opsPerWeek: 120,
  },
  {
    name: 'Fiber Basic 100 (yearly)',
    description: 'Fiber Basic 100, paid once a year: two months free.',
    features: ['100 Mbit/s down, 20 up', 'Wi-Fi router included', 'Two months free'],
    priceMinor: 29990,
    currency: 'USD',
    billingCycle: 'yearly',
    availableFor: ['basic'],
  },
  {
    name: 'Fiber Pro 500',
    description: 'Fast fiber for households that work from home.',
    features: ['500 Mbit/s symmetric', 'Wi-Fi 6 mesh (2 points)', 'Phone support, 7 days a week'],
    priceMinor: 5999,
    currency: 'USD',
    billingCycle: 'monthly',
    availableFor: ['basic', 'advanced'],
    inactivityTimeoutMinutes: 120,
  },
  {
    name: 'Business 1G',
    description: 'Gigabit fiber with a service level for companies.',
    features: ['1 Gbit/s symmetric', '5 static IP addresses', '4-hour repair target'],
    priceMinor: 14900,
    currency: 'USD',
    billingCycle: 'monthly',
    availableFor: ['company'],
  },
  {
    name: 'Copper Legacy 20',
    description: 'The old copper plan, no longer sold.',
    features: ['20 Mbit/s down'],
    priceMinor: 1900,
    currency: 'USD',
    billingCycle: 'monthly',
    availableFor: ['basic', 'advanced'],
    active: false,
  },
];

const contosoPlans: PlanSeed[] = [
  { name: 'Glasfaser Start 50', description: 'Fiber for one or two people.', features: ['50 Mbit/s', 'Router included'], priceMinor: 2490, currency: 'EUR', billingCycle: 'monthly', availableFor: ['basic', 'advanced'] },
  { name: 'Glasfaser Max 1000', description: 'Gigabit fiber, paid yearly.', features: ['1 Gbit/s', 'Static IP', 'Priority support'], priceMinor: 59900, currency: 'EUR', billingCycle: 'yearly', availableFor: ['advanced', 'company'] },
];

const fabrikamPlans: PlanSeed[] = [
  { name: 'Fabrikam Fiber 200', description: 'Home fiber.', features: ['200 Mbit/s'], priceMinor: 3490, currency: 'USD', billingCycle: 'monthly', availableFor: ['basic', 'advanced'] },
  { name: 'Fabrikam Business', description: 'Fiber for offices.', features: ['1 Gbit/s', 'Static IP'], priceMinor: 12900, currency: 'USD', billingCycle: 'monthly', availableFor: ['company'] },
];

const globexPlans: PlanSeed[] = [
  { name: 'Globex Home', description: 'Home fiber.', features: ['300 Mbit/s'], priceMinor: 3900, currency: 'USD', billingCycle: 'monthly', availableFor: ['basic', 'advanced'] },
  { name: 'Globex Enterprise', description: 'Fiber for companies.', features: ['10 Gbit/s', 'Dedicated account manager'], priceMinor: 99000, currency: 'USD', billingCycle: 'monthly', availableFor: ['company'] },
];

async function insertPlans(tx: Tx, tenantId: string, seeds: PlanSeed[], createdAt: number): Promise<Map<string, typeof plans.$inferSelect>> {
  const rows = await tx
    .insert(plans)
    .values(seeds.map((p, i) => ({ ...p, tenantId, createdAt: new Date(createdAt + i * 60_000), updatedAt: new Date(createdAt + i * 60_000) })))
    .returning();
  return new Map(rows.map((r) => [r.name, r]));
}

type Story = {
  email: string;
  plan: string;
  state: 'signing' | 'signed' | 'suspended' | 'unsigned';
  /** Days ago it was signed (or started signing). */
  since: number;
  confirmed?: boolean;
  cancelAtPeriodEnd?: boolean;
  suspendedDaysAgo?: number;
  endedDaysAgo?: number;
};

/** A subscription as the state machine would have left it, with its timeline. */
async function insertStory(tx: Tx, tenantId: string, userId: string, plan: typeof plans.$inferSelect, s: Story, actor: string): Promise<string> {
  const now = Date.now();
  const start = new Date(now - s.since * DAY);
  const months = plan.billingCycle === 'yearly' ? 12 : 1;
  // The period that contains today, anchored on the start day.
  let index = 0;
  const endOf = (i: number) => {
    const d = new Date(start);
    d.setUTCMonth(d.getUTCMonth() + (i + 1) * months);
    return d;
  };
  while (s.state !== 'signing' && endOf(index).getTime() <= now && !s.endedDaysAgo) index++;
  const periodStart = index === 0 ? start : endOf(index - 1);
  const live = s.state !== 'signing';
  const [row] = await tx
    .insert(subscriptions)
    .values({
      tenantId,
      userId,
      planId: plan.id,
      state: s.state,
      priceMinor: plan.priceMinor,
      currency: plan.currency,
      billingCycle: plan.billingCycle,
      confirmedAt: s.state !== 'signing' || s.confirmed ? start : null,
      signedName: s.state !== 'signing' || s.confirmed ? 'on file' : null,
      anchorAt: live ? start : null,
      periodIndex: index,
      currentPeriodStart: live ? periodStart : null,
      currentPeriodEnd: live ? endOf(index) : null,
      cancelAtPeriodEnd: s.cancelAtPeriodEnd ?? false,
      cancelReason: s.cancelAtPeriodEnd ? 'Moving abroad' : null,
      suspendedAt: s.suspendedDaysAgo ? new Date(now - s.suspendedDaysAgo * DAY) : null,
      suspensionReason: s.suspendedDaysAgo ? 'non_payment' : null,
      suspensionNote: s.suspendedDaysAgo ? 'Invoice unpaid 14 days after its due date.' : null,
      endedAt: s.endedDaysAgo ? new Date(now - s.endedDaysAgo * DAY) : null,
      createdAt: start,
      updatedAt: new Date(now - Math.min(s.since, s.suspendedDaysAgo ?? s.since, s.endedDaysAgo ?? s.since) * DAY),
    })
    .returning({ id: subscriptions.id });
  const id = row!.id;
  const event = (at: number, from: Story['state'] | null, to: Story['state'], name: string, reason: string | null, by = actor) => ({
    tenantId,
    subscriptionId: id,
    fromState: from,
    toState: to,
    event: name,
    reason,
    actorLabel: by,
    createdAt: new Date(at),
  });
  const events = [event(start.getTime() - 60_000, null, 'signing', 'subscribe', null, 'the subscriber')];
  if (s.state !== 'signing') events.push(event(start.getTime(), 'signing', 'signed', 'confirm', null, 'the subscriber'));
  if (s.state === 'signing' && s.confirmed) events.push(event(start.getTime(), 'signing', 'signing', 'confirm_for_approval', 'Waiting for approval', 'the subscriber'));
  if (s.cancelAtPeriodEnd) events.push(event(now - 2 * DAY, 'signed', 'signed', 'schedule_cancel', 'Moving abroad', 'the subscriber'));
  if (s.suspendedDaysAgo) events.push(event(now - s.suspendedDaysAgo * DAY, 'signed', 'suspended', 'suspend', 'Payment failure: Invoice unpaid 14 days after its due date.'));
  if (s.endedDaysAgo) events.push(event(now - s.endedDaysAgo * DAY, 'signed', 'unsigned', 'cancel', 'Too expensive for me', 'the subscriber'));
  await tx.insert(subscriptionEvents).values(events);
  return id;
}

async function idsOf(tx: Tx, tenantId: string, emails: string[]): Promise<Map<string, string>> {
  const rows = await tx.select({ id: users.id, email: users.email }).from(users).where(and(eq(users.tenantId, tenantId), inArray(users.email, emails)));
  return new Map(rows.map((r) => [r.email, r.id]));
}

/**
 * Northwind's plans and a subscription in every state among its demo users (Ben Basic has none:
 * he is the one who subscribes in the walkthrough); generated users fill the list.
 */
export async function seedNorthwindPlans(tx: Tx, tenantId: string): Promise<void> {
  const now = Date.now();
  const byName = await insertPlans(tx, tenantId, northwindPlans, now - 380 * DAY);
  const stories: Story[] = [
    { email: 'advanced@northwind.example', plan: 'Fiber Pro 500', state: 'signed', since: 75, cancelAtPeriodEnd: true },
    { email: 'company@northwind.example', plan: 'Business 1G', state: 'signed', since: 140 },
    { email: 'pat@example.com', plan: 'Fiber Basic 100', state: 'suspended', since: 95, suspendedDaysAgo: 9 },
    { email: 'expiring@northwind.example', plan: 'Fiber Basic 100', state: 'signing', since: 1, confirmed: true },
    { email: 'upgrade@northwind.example', plan: 'Fiber Pro 500', state: 'unsigned', since: 200, endedDaysAgo: 40 },
  ];
  const ids = await idsOf(tx, tenantId, stories.map((s) => s.email));
  for (const s of stories) await insertStory(tx, tenantId, ids.get(s.email)!, byName.get(s.plan)!, s, 'admin@northwind.example');

  // Generated customers: most basic, advanced and company users hold an eligible plan.
  const generated = await tx
    .select({ id: users.id, type: users.type })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), inArray(users.type, ['basic', 'advanced', 'company']), sql`${users.email} like '%.%.%@northwind.example'`))
    .orderBy(users.email);
  const pick = { basic: ['Fiber Basic 100', 'Fiber Basic 100 (yearly)', 'Fiber Pro 500'], advanced: ['Fiber Pro 500'], company: ['Business 1G', 'Fiber Pro 500'] } as const;
  for (const [i, u] of generated.entries()) {
    if (i % 5 === 4) continue;
    const names = pick[u.type as keyof typeof pick];
    const plan = byName.get(names[i % names.length]!)!;
    await insertStory(tx, tenantId, u.id, plan, { email: '', plan: plan.name, state: i % 17 === 3 ? 'suspended' : 'signed', since: 10 + ((i * 37) % 400), suspendedDaysAgo: i % 17 === 3 ? 3 + (i % 20) : undefined }, 'admin@northwind.example');
  }
}

/** A managed tenant's catalogue, and every third eligible generated customer on a plan (billing's demo). */
async function seedManagedPlans(tx: Tx, tenantId: string, seeds: PlanSeed[], domain: string, admin: string): Promise<void> {
  const byName = await insertPlans(tx, tenantId, seeds, Date.now() - 400 * DAY);
  const generated = await tx
    .select({ id: users.id, type: users.type })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), inArray(users.type, ['basic', 'advanced', 'company']), sql`${users.email} like ${`%.%.%@${domain}`}`))
    .orderBy(users.email);
  for (const [i, u] of generated.entries()) {
    if (i % 3 !== 0) continue;
    const plan = [...byName.values()].find((p) => (p.availableFor as string[]).includes(u.type))!;
    await insertStory(tx, tenantId, u.id, plan, { email: '', plan: plan.name, state: 'signed', since: 20 + ((i * 53) % 380) }, admin);
  }
}

export async function seedContosoPlans(tx: Tx, tenantId: string): Promise<void> {
  await seedManagedPlans(tx, tenantId, contosoPlans, 'contoso.example', 'admin@contoso.example');
}

export async function seedFabrikamPlans(tx: Tx, tenantId: string): Promise<void> {
  await seedManagedPlans(tx, tenantId, fabrikamPlans, 'fabrikam.example', 'admin@fabrikam.example');
}

/**
 * Globex: two plans, Pat on Globex Home, and a signing of Globex's admin-approved kind waiting
 * for its code (a code row, never a code anyone knows).
 */
export async function seedGlobexPlans(tx: Tx, tenantId: string): Promise<void> {
  const byName = await insertPlans(tx, tenantId, globexPlans, Date.now() - 200 * DAY);
  const ids = await idsOf(tx, tenantId, ['pat@example.com']);
  const id = await insertStory(tx, tenantId, ids.get('pat@example.com')!, byName.get('Globex Home')!, { email: '', plan: 'Globex Home', state: 'signing', since: 0 }, 'admin@globex.example');
  const hash = createHash('sha256').update(randomBytes(32)).digest('hex');
  await tx.insert(subscriptionCodes).values({ tenantId, subscriptionId: id, codeHash: hash, expiresAt: new Date(Date.now() + 15 * 60_000) });
}
