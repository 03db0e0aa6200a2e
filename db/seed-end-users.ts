import { createHash } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from './client';
import { sampleCard, samplePdf, sampleSelfie } from './sample-documents';
import { kycFiles, kycSubmissions, notifications, tenantSettings, upgradeRequests, userTypeHistory, users } from './schema';

const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The end users of the demo world's KYC stories (added to Northwind's users by db/seed.ts). */
export const kycDemoUsers = [
  { email: 'midway@northwind.example', name: 'Mia Midway', type: 'guest' as const, roles: ['guest'] },
  { email: 'waiting@northwind.example', name: 'Wes Waiting', type: 'guest' as const, roles: ['guest'] },
  { email: 'resubmit@northwind.example', name: 'Rita Resubmit', type: 'guest' as const, roles: ['guest'] },
  { email: 'expiring@northwind.example', name: 'Eve Expiring', type: 'basic' as const, roles: ['basic'] },
  { email: 'upgrade@northwind.example', name: 'Uma Upgrade', type: 'advanced' as const, roles: ['advanced'] },
  { email: 'reviewer@northwind.example', name: 'Rory Reviewer', type: 'admin' as const, roles: ['kyc_reviewer'] },
];

export const kycReviewerRole = {
  key: 'kyc_reviewer',
  name: 'KYC reviewer',
  description: 'Reviews identity, address and business checks.',
  permissions: ['account.read', 'account.write', 'account.sessions.manage', 'users.read', 'users.kyc.review'],
};

const file = (slot: string, fileName: string, data: Buffer, contentType: string) => ({
  slot,
  fileName,
  contentType,
  sizeBytes: data.length,
  sha256: createHash('sha256').update(data).digest('hex'),
  data,
});

/**
 * Northwind's KYC stories: a guest half-way through, one waiting in the queue, one asked to send
 * again, a basic user whose document expires in 5 days, an advanced user whose company upgrade
 * waits on its business check; and verified checks for the named demo end users.
 */
export async function seedKycStories(tx: Tx, tenantId: string, reviewerEmail: string): Promise<void> {
  const emails = [...kycDemoUsers.map((u) => u.email), 'basic@northwind.example', 'advanced@northwind.example', 'company@northwind.example', 'pat@example.com'];
  const rows = await tx.select({ id: users.id, email: users.email }).from(users).where(and(eq(users.tenantId, tenantId), inArray(users.email, emails)));
  const id = (email: string) => rows.find((r) => r.email === email)!.id;
  const reviewer = id(reviewerEmail);
  const now = Date.now();
  const identity = (legalName: string, documentType: 'passport' | 'national_id') => ({
    legalName,
    dateOfBirth: '1990-04-12',
    country: 'us',
    address: '1 Example Street, Springfield',
    documentType,
    documentExpiresOn: isoDay(now + 900 * DAY),
  });
  const insert = async (values: typeof kycSubmissions.$inferInsert, files: ReturnType<typeof file>[]) => {
    const [s] = await tx.insert(kycSubmissions).values(values).returning({ id: kycSubmissions.id });
    if (files.length > 0) await tx.insert(kycFiles).values(files.map((f) => ({ ...f, tenantId, submissionId: s!.id })));
    return s!.id;
  };
  const decided = (at: number) => ({ decidedAt: new Date(at), decidedBy: reviewer, decidedByLabel: reviewerEmail });

  // Half-way: details entered and the passport uploaded; the selfie and review are left.
  await insert({ tenantId, userId: id('midway@northwind.example'), ...identity('Mia Midway', 'passport') }, [file('front', 'passport.png', sampleCard('front', [226, 214, 240]), 'image/png')]);
  // Waiting in the queue for three hours.
  await insert(
    { tenantId, userId: id('waiting@northwind.example'), status: 'submitted', submittedAt: new Date(now - 3 * HOUR), ...identity('Wes Waiting', 'national_id') },
    [file('front', 'id-card-front.png', sampleCard('front'), 'image/png'), file('back', 'id-card-back.png', sampleCard('back'), 'image/png'), file('selfie', 'selfie.png', sampleSelfie(), 'image/png')],
  );
  await tx.insert(tenantSettings).values({ tenantId });
  // Asked to send again: the photo was blurry.
  await tx.insert(notifications).values({
    tenantId,
    userId: id('resubmit@northwind.example'),
    kind: 'kyc.resubmission_requested',
    title: 'Please send your documents again',
    body: 'The document photo is blurry or cut off. Take it again in good light, with all four corners visible.',
    href: '/t/northwind/account/verify',
    createdAt: new Date(now - DAY),
  });
  await insert(
    {
      tenantId,
      userId: id('resubmit@northwind.example'),
      status: 'resubmission_requested',
      submittedAt: new Date(now - 2 * DAY),
      ...decided(now - DAY),
      ...identity('Rita Resubmit', 'national_id'),
      resubmissionReasons: ['blurry'],
      decisionReason: 'The document photo is blurry or cut off. Take it again in good light, with all four corners visible.',
    },
    [file('front', 'id-card-front.png', sampleCard('front'), 'image/png')],
  );
  // Verified identities, one of which expires in five days.
  const verified = async (email: string, name: string, expiresOn: string, type: 'basic' | 'advanced' | 'company') => {
    const at = now - 200 * DAY;
    await insert({ tenantId, userId: id(email), status: 'verified', submittedAt: new Date(at - DAY), ...decided(at), ...identity(name, 'passport'), documentExpiresOn: expiresOn }, []);
    await tx.insert(userTypeHistory).values({ tenantId, userId: id(email), fromType: 'guest', toType: 'basic', source: 'kyc', reason: 'Identity check verified', actorUserId: reviewer, actorLabel: reviewerEmail, createdAt: new Date(at) });
    if (type !== 'basic') await tx.insert(userTypeHistory).values({ tenantId, userId: id(email), fromType: 'basic', toType: 'advanced', source: 'upgrade', reason: 'Proof of address verified', actorUserId: reviewer, actorLabel: reviewerEmail, createdAt: new Date(at + 30 * DAY) });
    if (type === 'company') await tx.insert(userTypeHistory).values({ tenantId, userId: id(email), fromType: 'advanced', toType: 'company', source: 'upgrade', reason: 'Business verified', actorUserId: reviewer, actorLabel: reviewerEmail, createdAt: new Date(at + 60 * DAY) });
  };
  await verified('expiring@northwind.example', 'Eve Expiring', isoDay(now + 5 * DAY), 'basic');
  await verified('basic@northwind.example', 'Ben Basic', isoDay(now + 700 * DAY), 'basic');
  await verified('pat@example.com', 'Pat Northwind', isoDay(now + 800 * DAY), 'basic');
  await verified('advanced@northwind.example', 'Ada Advanced', isoDay(now + 600 * DAY), 'advanced');
  await verified('company@northwind.example', 'Cora Company', isoDay(now + 500 * DAY), 'company');
  await verified('upgrade@northwind.example', 'Uma Upgrade', isoDay(now + 650 * DAY), 'advanced');
  // Advanced, asking to become company: the business check waits in the queue.
  const business = await insert(
    {
      tenantId,
      userId: id('upgrade@northwind.example'),
      kind: 'business',
      status: 'submitted',
      submittedAt: new Date(now - 26 * HOUR),
      companyName: 'Example Trading Ltd',
      registrationNumber: '00000000',
      country: 'us',
    },
    [file('registration', 'company-registration.pdf', samplePdf('SAMPLE certificate of incorporation', ['Company: Example Trading Ltd (made up)', 'This is not a real document.']), 'application/pdf')],
  );
  await tx.insert(upgradeRequests).values({ tenantId, userId: id('upgrade@northwind.example'), fromType: 'advanced', toType: 'company', policy: 'business_verification', submissionId: business, createdAt: new Date(now - 27 * HOUR) });
}

/**
 * Globex's end-user world, smaller: upgrades to company need an admin's approval there, and Pat
 * (verified, advanced) has asked for one.
 */
export async function seedGlobexStories(tx: Tx, tenantId: string): Promise<void> {
  const now = Date.now();
  await tx.insert(tenantSettings).values({ tenantId, advancedToCompany: 'admin_approval', kycRetentionDays: 60 });
  const [pat] = await tx.select({ id: users.id }).from(users).where(and(eq(users.tenantId, tenantId), eq(users.email, 'pat@example.com')));
  const at = now - 300 * DAY;
  const [s] = await tx
    .insert(kycSubmissions)
    .values({ tenantId, userId: pat!.id, status: 'verified', submittedAt: new Date(at - DAY), decidedAt: new Date(at), decidedByLabel: 'admin@globex.example', legalName: 'Pat Globex', dateOfBirth: '1985-09-30', country: 'us', address: '9 Sample Avenue', documentType: 'passport', documentExpiresOn: isoDay(now + 1200 * DAY) })
    .returning({ id: kycSubmissions.id });
  const front = sampleCard('front', [226, 214, 240]);
  await tx.insert(kycFiles).values({ tenantId, submissionId: s!.id, ...file('front', 'passport.png', front, 'image/png') });
  await tx.insert(userTypeHistory).values([
    { tenantId, userId: pat!.id, fromType: 'guest', toType: 'basic', source: 'kyc', reason: 'Identity check verified', actorLabel: 'admin@globex.example', createdAt: new Date(at) },
    { tenantId, userId: pat!.id, fromType: 'basic', toType: 'advanced', source: 'admin', reason: 'Business customer since 2024', actorLabel: 'admin@globex.example', createdAt: new Date(at + 10 * DAY) },
  ]);
  await tx.insert(upgradeRequests).values({ tenantId, userId: pat!.id, fromType: 'advanced', toType: 'company', policy: 'admin_approval', createdAt: new Date(now - 2 * DAY) });
  await tx.insert(notifications).values({ tenantId, userId: pat!.id, kind: 'type_changed', title: 'Your account is now Advanced', body: 'An administrator changed your account from Basic to Advanced: Business customer since 2024', createdAt: new Date(at + 10 * DAY) });
}
