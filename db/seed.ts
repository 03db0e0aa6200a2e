import argon2 from 'argon2';
import { and, eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { createBuiltInRoles } from './roles';
import { applyTenantScope } from './scope';
import type * as schema from './schema';
import { partnerTenantLinks, rolePermissions, roles, tenantFeatures, ticketComments, ticketCounters, ticketEvents, tickets, tenants, userRoles, users } from './schema';
import { kycDemoUsers, kycReviewerRole, seedGlobexStories, seedKycStories } from './seed-end-users';
import { seedInvoices } from './seed-billing';
import { seedTicketHistory, seedWorkedAlerts, type SupportStaff } from './seed-tickets';
import { seedContosoPlans, seedFabrikamPlans, seedGlobexPlans, seedNorthwindPlans } from './seed-plans';
import { seedUsageHistory } from './seed-usage';

export const DEMO_PASSWORD = 'demo-pass-2026';
const DAY = 24 * 60 * 60 * 1000;

type UserType = (typeof schema.userType.enumValues)[number];
type UserStatus = (typeof schema.userStatus.enumValues)[number];
type DemoUser = { email: string; name: string; type: UserType; roles: string[]; status?: UserStatus; createdAt?: Date };
type DemoTenant = { slug: string; name: string; domain: string; platform?: boolean; generated: number; users: DemoUser[]; customRoles?: (typeof kycReviewerRole)[] };

const admin = (domain: string): DemoUser => ({ email: `admin@${domain}`, name: 'Tenant Admin', type: 'admin', roles: ['admin'] });
const endUser = (email: string, name: string, type: UserType): DemoUser => ({ email, name, type, roles: [type] });

export const demoTenants: DemoTenant[] = [
  {
    slug: 'platform',
    name: 'Platform Operations',
    domain: 'platform.example',
    platform: true,
    generated: 0,
    users: [{ email: 'ops@platform.example', name: 'Olivia Ops', type: 'admin', roles: ['admin'] }],
  },
  {
    slug: 'acme-msp',
    name: 'Acme Managed Services',
    domain: 'acme-msp.example',
    generated: 0,
    users: [
      admin('acme-msp.example'),
      { email: 'alice@acme-msp.example', name: 'Alice Archer', type: 'admin', roles: ['partner_msp_full'] },
      { email: 'sam@acme-msp.example', name: 'Sam Support', type: 'admin', roles: ['partner_msp_support'] },
      { email: 'audrey@acme-msp.example', name: 'Audrey Auditor', type: 'admin', roles: ['partner_auditor'] },
    ],
  },
  {
    slug: 'northwind',
    name: 'Northwind Fiber',
    domain: 'northwind.example',
    generated: 200,
    users: [
      admin('northwind.example'),
      { email: 'billing@northwind.example', name: 'Bianca Billing', type: 'admin', roles: ['billing_clerk'] },
      endUser('guest@northwind.example', 'Gina Guest', 'guest'),
      endUser('basic@northwind.example', 'Ben Basic', 'basic'),
      endUser('advanced@northwind.example', 'Ada Advanced', 'advanced'),
      endUser('company@northwind.example', 'Cora Company', 'company'),
      endUser('pat@example.com', 'Pat Northwind', 'basic'),
      ...kycDemoUsers,
    ],
    customRoles: [kycReviewerRole],
  },
  { slug: 'contoso', name: 'Contoso Broadband', domain: 'contoso.example', generated: 150, users: [admin('contoso.example')] },
  { slug: 'fabrikam', name: 'Fabrikam Telecom', domain: 'fabrikam.example', generated: 100, users: [admin('fabrikam.example')] },
  {
    slug: 'globex',
    name: 'Globex Networks',
    domain: 'globex.example',
    generated: 120,
    users: [admin('globex.example'), endUser('pat@example.com', 'Pat Globex', 'advanced')],
  },
];

const firstNames = ['Ava', 'Liam', 'Mia', 'Noah', 'Zoe', 'Ethan', 'Ivy', 'Lucas', 'Nora', 'Owen', 'Ruby', 'Leo', 'Ella', 'Max', 'Iris', 'Jack', 'Lena', 'Hugo', 'Maya', 'Finn'];
const lastNames = ['Smith', 'Garcia', 'Chen', 'Okafor', 'Novak', 'Silva', 'Kim', 'Muller', 'Rossi', 'Haddad', 'Larsen', 'Dubois', 'Tanaka', 'Nowak', 'Murphy'];
const generatedTypes: UserType[] = ['guest', 'basic', 'basic', 'basic', 'advanced', 'company'];
const generatedStatuses: UserStatus[] = ['active', 'active', 'active', 'active', 'active', 'idle', 'inactive'];

function generatedUsers(t: DemoTenant): DemoUser[] {
  return Array.from({ length: t.generated }, (_, i) => {
    const first = firstNames[i % firstNames.length]!;
    const last = lastNames[(i * 7) % lastNames.length]!;
    const type = generatedTypes[i % generatedTypes.length]!;
    return {
      email: `${first}.${last}.${i + 1}@${t.domain}`.toLowerCase(),
      name: `${first} ${last}`,
      type,
      roles: [type],
      status: generatedStatuses[i % generatedStatuses.length]!,
      createdAt: new Date(Date.now() - (i + 1) * 1.3 * DAY - i * 61_000),
    };
  });
}

/** Seeds the demo world once; a second call finds the platform tenant and does nothing. */
export async function seedDemoWorld(ownerUrl: string): Promise<boolean> {
  const client = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  const db = drizzle(client);
  try {
    const existing = await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, 'platform'));
    if (existing.length > 0) return false;
    const passwordHash = await argon2.hash(DEMO_PASSWORD, { type: argon2.argon2id });
    await db.transaction(async (tx) => {
      const ids = new Map<string, string>();
      for (const t of demoTenants) {
        const [row] = await tx
          .insert(tenants)
          .values({
            slug: t.slug,
            name: t.name,
            legalName: `${t.name} Ltd`,
            contactEmail: `admin@${t.domain}`,
            country: 'us',
            isPlatform: t.platform ?? false,
            onboardedOn: new Date(Date.now() - 400 * DAY).toISOString().slice(0, 10),
          })
          .returning({ id: tenants.id });
        const tenantId = row!.id;
        ids.set(t.slug, tenantId);
        await applyTenantScope(tx, { tenantId });
        const roleIds = await createBuiltInRoles(tx, tenantId, { platform: t.platform ?? false });
        for (const r of t.customRoles ?? []) {
          const [role] = await tx.insert(roles).values({ tenantId, key: r.key, name: r.name, description: r.description }).returning({ id: roles.id });
          await tx.insert(rolePermissions).values(r.permissions.map((permission) => ({ tenantId, roleId: role!.id, permission })));
          roleIds.set(r.key, role!.id);
        }
        const all = [...t.users, ...generatedUsers(t)];
        for (let i = 0; i < all.length; i += 500) {
          const chunk = all.slice(i, i + 500);
          const inserted = await tx
            .insert(users)
            .values(
              chunk.map((u) => ({
                tenantId,
                email: u.email,
                name: u.name,
                type: u.type,
                status: u.status ?? 'active',
                passwordHash,
                createdAt: u.createdAt ?? new Date(),
              })),
            )
            .returning({ id: users.id });
          await tx.insert(userRoles).values(
            chunk.flatMap((u, j) => u.roles.map((key) => ({ tenantId, userId: inserted[j]!.id, roleId: roleIds.get(key)! }))),
          );
        }
      }
      const acme = ids.get('acme-msp')!;
      await applyTenantScope(tx, { tenantId: acme });
      const link = (slug: string, accessRole: 'msp_full' | 'msp_support' | 'msp_billing', startsAt: Date, endsAt: Date | null) => ({
        partnerTenantId: acme,
        managedTenantId: ids.get(slug)!,
        accessRole,
        status: 'active' as const,
        startsAt,
        endsAt,
        decidedAt: startsAt,
        slaConfig: { responseHours: { urgent: 1, high: 4, normal: 8, low: 24 }, resolutionHours: { urgent: 4, high: 24, normal: 72, low: 120 }, uptimeTarget: 99.9 },
      });
      await tx.insert(partnerTenantLinks).values([
        link('northwind', 'msp_full', new Date(Date.now() - 120 * DAY), null),
        link('contoso', 'msp_support', new Date(Date.now() - 90 * DAY), null),
        link('fabrikam', 'msp_billing', new Date(Date.now() - 365 * DAY), new Date(Date.now() - 30 * DAY)),
      ]);
      // bulk_export is in beta: acme-msp has early access (and it is on there by default).
      await tx.insert(tenantFeatures).values({ tenantId: acme, key: 'bulk_export', earlyAccess: true });
      const [samRow] = await tx
        .select({ id: users.id, name: users.name })
        .from(users)
        .where(and(eq(users.tenantId, acme), eq(users.email, 'sam@acme-msp.example')));
      const sam: SupportStaff = { id: samRow!.id, tenantId: acme, label: `${samRow!.name} via Acme Managed Services` };
      const tenantStaff = async (tenantId: string, email: string): Promise<SupportStaff> => {
        const [row] = await tx
          .select({ id: users.id, name: users.name })
          .from(users)
          .where(and(eq(users.tenantId, tenantId), eq(users.email, email)));
        return { id: row!.id, tenantId, label: row!.name };
      };

      const northwind = ids.get('northwind')!;
      await applyTenantScope(tx, { tenantId: northwind });
      const [ben] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.tenantId, northwind), eq(users.email, 'basic@northwind.example')));
      const year = new Date().getUTCFullYear();
      const [staff] = await tx
        .select({ id: users.id, name: users.name })
        .from(users)
        .where(and(eq(users.tenantId, northwind), eq(users.email, 'admin@northwind.example')));
      const HOUR = DAY / 24;
      const ago = (ms: number) => new Date(Date.now() - ms);
      const demoTickets = [
        { subject: 'Internet drops every evening', description: 'The connection drops around 8 pm for a few minutes.', priority: 'high' as const, category: 'connectivity', status: 'open' as const, firstResponseAt: ago(2 * DAY) },
        { subject: 'Invoice shows the wrong plan', description: 'My invoice lists Fiber 500, I am on Fiber 300.', priority: 'normal' as const, category: 'billing', status: 'pending' as const },
        { subject: 'Router replacement', description: 'The router LED blinks red.', priority: 'urgent' as const, category: 'hardware', status: 'resolved' as const, firstResponseAt: ago(DAY - HOUR), resolvedAt: ago(12 * HOUR) },
        { subject: 'Moving house next month', description: 'Can my line move with me to 12 Elm Street?', priority: 'low' as const, category: 'account', status: 'new' as const },
        { subject: 'Technician visit for the fiber box', description: 'The fiber box on the wall is loose.', priority: 'normal' as const, category: 'hardware', status: 'on_hold' as const },
        {
          subject: 'Fiber outage in Riverside',
          description: 'Several customers in Riverside report no service since this morning.',
          priority: 'urgent' as const,
          category: 'network_outage',
          status: 'open' as const,
          outageStart: ago(3 * HOUR),
        },
      ];
      const seeded = await tx
        .insert(tickets)
        .values(
          demoTickets.map((t, i) => ({
            ...t,
            tenantId: northwind,
            requesterId: t.category === 'network_outage' ? staff!.id : ben!.id,
            number: `TKT-${year}-${String(i + 1).padStart(5, '0')}`,
            createdAt: ago((demoTickets.length - i) * DAY),
            ...(t.status === 'on_hold' ? { assigneeId: staff!.id, assigneeTenantId: northwind, assigneeLabel: staff!.name } : {}),
          })),
        )
        .returning({ id: tickets.id, number: tickets.number });
      await tx.insert(ticketCounters).values({ tenantId: northwind, year, last: demoTickets.length });
      // Each one's history: opened, then (an hour later) moved to where it stands.
      await tx.insert(ticketEvents).values(
        demoTickets.flatMap((t, i): (typeof ticketEvents.$inferInsert)[] => {
          const opened = ago((demoTickets.length - i) * DAY);
          const first: typeof ticketEvents.$inferInsert = { tenantId: northwind, ticketId: seeded[i]!.id, fromStatus: null, toStatus: 'new', actorLabel: 'Ben Basic', createdAt: opened };
          if (t.status === 'new') return [first];
          const moved = { ...first, fromStatus: 'new' as const, toStatus: t.status, actorLabel: staff!.name, createdAt: new Date(opened.getTime() + HOUR) };
          if (t.status !== 'resolved') return [first, moved];
          return [first, { ...moved, toStatus: 'open' }, { ...moved, fromStatus: 'open', toStatus: 'resolved', createdAt: ago(12 * HOUR) }];
        }),
      );
      // A thread on Ben's first ticket: a reply he can read, a note he never sees, and his answer.
      const comment = (i: number, by: 'staff' | 'ben', body: string, at: Date, internal = false) => ({
        tenantId: northwind,
        ticketId: seeded[i]!.id,
        authorId: by === 'staff' ? staff!.id : ben!.id,
        authorTenantId: northwind,
        authorLabel: by === 'staff' ? staff!.name : 'Ben Basic',
        fromRequester: by === 'ben',
        body,
        internal,
        createdAt: at,
      });
      await tx.insert(ticketComments).values([
        comment(0, 'staff', 'Sorry about that. We are looking at the line from our side; does it happen on Wi-Fi and cable alike?', ago(2 * DAY)),
        comment(0, 'staff', 'Line test shows CRC errors on the drop cable. Likely the outdoor connector.', ago(2 * DAY - HOUR), true),
        comment(0, 'ben', 'Both. It happened again yesterday at 8:05 pm.', ago(DAY + 4 * HOUR)),
        comment(2, 'staff', 'A new router is on its way and will arrive tomorrow.', ago(DAY - HOUR)),
      ]);
      // Ninety days of history before the hand-written tickets above, two outages in all (one
      // ongoing above), and alerts already worked.
      const northwindStaff = { id: staff!.id, tenantId: northwind, label: staff!.name };
      const northwindHistory = await seedTicketHistory(tx, {
        tenantId: northwind,
        staff: northwindStaff,
        partnerStaff: sam,
        count: 70,
        minAgeDays: 7,
        seed: 16,
        outages: [{ daysAgo: 20, hours: 3, subject: 'Fiber cut on the Harbor ring' }],
        current: [],
      });
      await seedWorkedAlerts(tx, northwind, northwindHistory, sam);
      await seedKycStories(tx, northwind, 'reviewer@northwind.example');
      await seedNorthwindPlans(tx, northwind);
      await seedInvoices(tx, northwind, { prefix: 'NWF', taxRateBps: 800, taxBehavior: 'exclusive', terms: 14 }, { declinedFor: 'advanced@northwind.example' });
      await seedUsageHistory(tx, northwind, { seed: 61, users: 60 });
      const globex = ids.get('globex')!;
      await applyTenantScope(tx, { tenantId: globex });
      await seedGlobexStories(tx, globex);
      await seedGlobexPlans(tx, globex);
      await seedInvoices(tx, globex, { prefix: 'GLX', taxRateBps: 0, taxBehavior: 'exclusive', terms: 30 });
      const contoso = ids.get('contoso')!;
      await applyTenantScope(tx, { tenantId: contoso });
      await seedContosoPlans(tx, contoso);
      // Tickets at risk and breached right now, for the board's first look.
      await seedTicketHistory(tx, {
        tenantId: contoso,
        staff: await tenantStaff(contoso, 'admin@contoso.example'),
        partnerStaff: sam,
        count: 50,
        minAgeDays: 1,
        seed: 27,
        outages: [{ daysAgo: 45, hours: 1.5, subject: 'Core router failover in Midtown' }],
        current: [
          { subject: 'Business line down at the bakery', priority: 'urgent', hoursAgo: 0.85 },
          { subject: 'VPN to the head office fails', priority: 'high', hoursAgo: 3.4 },
          { subject: 'Static IP not assigned', priority: 'normal', hoursAgo: 10 },
        ],
      });
      await seedInvoices(tx, contoso, { prefix: 'CON', taxRateBps: 1900, taxBehavior: 'inclusive', terms: 14 });
      await seedUsageHistory(tx, contoso, { seed: 62, users: 45 });
      const fabrikam = ids.get('fabrikam')!;
      await applyTenantScope(tx, { tenantId: fabrikam });
      await seedFabrikamPlans(tx, fabrikam);
      await seedTicketHistory(tx, { tenantId: fabrikam, staff: await tenantStaff(fabrikam, 'admin@fabrikam.example'), count: 35, minAgeDays: 1, seed: 38, outages: [], current: [] });
      await seedInvoices(tx, fabrikam, { prefix: 'FAB', taxRateBps: 0, taxBehavior: 'exclusive', terms: 14 });
      await seedUsageHistory(tx, fabrikam, { seed: 63, users: 30 });
    });
    return true;
  } finally {
    await client.end();
  }
}
