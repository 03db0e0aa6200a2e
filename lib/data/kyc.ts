import 'server-only';
import { and, desc, eq, inArray, isNotNull, ne, sql, type SQL } from 'drizzle-orm';
import { kycFiles, kycSubmissions, upgradeRequests, users } from '@/db/schema';
import { kycSlots, type KycKind, type KycSlot, type KycState, type KycStatus, type UserType } from '@/lib/config/enums';
import { kycKindLabels, kycSteps, missingInStep, resumeStep, type KycFields } from '@/lib/config/kyc';
import { AppError, notFound } from '@/lib/errors';
import type { CheckedFile } from '@/lib/kyc/files';
import { assertCan, assertHomeCan } from '@/lib/rbac';
import type { RequestContext } from '@/lib/tenancy/context';
import {
  kycDecisionSchema,
  kycFieldsSchema,
  kycRevokeSchema,
  resubmissionReasons,
  type KycDecisionInput,
  type KycFieldsInput,
  type KycFileDto,
  type KycQueueItemDto,
  type KycReviewDto,
  type KycSubmissionDto,
  type MyKycDto,
} from '@/lib/validation/account';
import type { SortedPage } from '@/lib/validation/common';
import { kycQueueSchema, type KycQueueInput } from '@/lib/validation/kyc-queue';
import { pgErrorCode } from './pg';
import { recordAudit, recordAuditIn } from './audit';
import { readEndUserSettings } from './end-user-settings';
import { keyset, keysetPage, type SortColumn } from './list';
import { notifyUser } from './internal/notify';
import { ladder, transitionUserType } from './user-types';
import { withHomeTenant, withTenant, type Tx } from './tx';

// KYC: an applicant's own attempts (account.kyc, always in their home tenant) and the reviewer
// queue (users.kyc.review, at home only: identity documents are never reachable through a
// partner link, whatever a link's role or overrides say).

const OPEN: KycStatus[] = ['in_progress', 'submitted', 'in_review'];
const WAITING: KycStatus[] = ['submitted', 'in_review'];

/** Which kind moves which type up, and the type it leads to. */
const kindFor: Partial<Record<UserType, { kind: KycKind; to: UserType }>> = {
  guest: { kind: 'identity', to: 'basic' },
  basic: { kind: 'address', to: 'advanced' },
  advanced: { kind: 'business', to: 'company' },
};

type SubmissionRow = typeof kycSubmissions.$inferSelect;

const fileColumns = {
  id: kycFiles.id,
  submissionId: kycFiles.submissionId,
  slot: kycFiles.slot,
  fileName: kycFiles.fileName,
  contentType: kycFiles.contentType,
  sizeBytes: kycFiles.sizeBytes,
  purgedAt: kycFiles.purgedAt,
};

async function filesOf(tx: Tx, tenantId: string, submissionIds: string[]): Promise<Map<string, KycFileDto[]>> {
  const out = new Map<string, KycFileDto[]>();
  if (submissionIds.length === 0) return out;
  const rows = await tx
    .select(fileColumns)
    .from(kycFiles)
    .where(and(eq(kycFiles.tenantId, tenantId), inArray(kycFiles.submissionId, submissionIds)));
  // Front, back, selfie, proof, registration: the order a reviewer reads them in.
  rows.sort((a, b) => kycSlots.indexOf(a.slot as KycSlot) - kycSlots.indexOf(b.slot as KycSlot));
  for (const r of rows) {
    const list = out.get(r.submissionId) ?? [];
    list.push({ id: r.id, slot: r.slot as KycSlot, fileName: r.fileName, contentType: r.contentType, sizeBytes: r.sizeBytes, purged: r.purgedAt !== null });
    out.set(r.submissionId, list);
  }
  return out;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const fieldsOf = (r: Pick<SubmissionRow, keyof KycFields>): Required<{ [K in keyof KycFields]: SubmissionRow[K] }> => ({
  legalName: r.legalName,
  dateOfBirth: r.dateOfBirth,
  country: r.country,
  address: r.address,
  documentType: r.documentType,
  documentExpiresOn: r.documentExpiresOn,
  companyName: r.companyName,
  registrationNumber: r.registrationNumber,
});

function toSubmissionDto(r: SubmissionRow, files: KycFileDto[]): KycSubmissionDto {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    attempt: r.attempt,
    ...fieldsOf(r),
    submittedAt: iso(r.submittedAt),
    decidedAt: iso(r.decidedAt),
    decisionReason: r.decisionReason,
    resubmissionReasons: r.resubmissionReasons ?? [],
    files,
    createdAt: r.createdAt.toISOString(),
  };
}


/** A user's identity state as My account shows it, with the next thing to do. */
export function describeKyc(type: UserType, latestIdentity: Pick<SubmissionRow, 'status'> | null): { state: KycState; nextAction: string } {
  const state: KycState = latestIdentity?.status ?? 'not_started';
  if (type === 'admin') return { state, nextAction: 'Staff accounts do not verify their identity here.' };
  const next: Record<KycState, string> = {
    not_started: type === 'guest' ? 'Verify your identity to lift the guest limits and choose a plan.' : 'Nothing to do.',
    in_progress: 'Finish your identity check: pick up where you left off.',
    submitted: 'In review, usually within 1 business day.',
    in_review: 'In review, usually within 1 business day.',
    verified: 'Nothing to do: your identity is verified.',
    resubmission_requested: 'Your documents need another look: see what to fix and send them again.',
    rejected: 'Your identity check was rejected. Contact support if you think this is a mistake.',
    expired: 'Your identity document expired. Re-verify with a valid document.',
    revoked: 'Your verification was revoked. Verify again, or contact support.',
  };
  return { state, nextAction: next[state] };
}

async function userSubmissions(tx: Tx, tenantId: string, userId: string): Promise<SubmissionRow[]> {
  return tx
    .select()
    .from(kycSubmissions)
    .where(and(eq(kycSubmissions.tenantId, tenantId), eq(kycSubmissions.userId, userId)))
    .orderBy(desc(kycSubmissions.createdAt), desc(kycSubmissions.id))
    .limit(100);
}

/** The kind a user works on now: the one their type leads to, or what they asked for. */
function kindOf(ctx: RequestContext, asked: KycKind | undefined): KycKind {
  return asked ?? kindFor[ctx.user.type]?.kind ?? 'identity';
}

/** The applicant's own view of one kind (the identity check unless asked). */
export async function getMyKyc(ctx: RequestContext, input: { kind?: KycKind } = {}): Promise<MyKycDto> {
  assertCan(ctx, 'account.kyc');
  const kind = kindOf(ctx, input.kind);
  return withHomeTenant(ctx, async (tx) => readMyKyc(tx, ctx, kind));
}

async function readMyKyc(tx: Tx, ctx: RequestContext, kind: KycKind): Promise<MyKycDto> {
  const tenantId = ctx.homeTenant.id;
  const all = await userSubmissions(tx, tenantId, ctx.user.id);
  const ofKind = all.filter((s) => s.kind === kind);
  const current = ofKind[0] ?? null;
  const files = await filesOf(tx, tenantId, current ? [current.id] : []);
  const identity = all.find((s) => s.kind === 'identity') ?? null;
  const { state, nextAction } = describeKyc(ctx.user.type, kind === 'identity' ? current : identity);
  const currentFiles = current ? (files.get(current.id) ?? []) : [];
  const started = Boolean(current && current.status === 'in_progress' && (Object.values(fieldsOf(current)).some(Boolean) || currentFiles.length > 0));
  return {
    state,
    applicable: isApplicable(ctx.user.type, kind),
    nextAction,
    current: current ? toSubmissionDto(current, currentFiles) : null,
    resumeStep: current?.status === 'in_progress' ? resumeStep(kind, fieldsOf(current), new Set(currentFiles.map((f) => f.slot)), started) : 0,
    attempts: ofKind.map((s) => ({ id: s.id, kind: s.kind, status: s.status, attempt: s.attempt, submittedAt: iso(s.submittedAt), decidedAt: iso(s.decidedAt) })),
  };
}

const isApplicable = (type: UserType, kind: KycKind) => kindFor[type]?.kind === kind;

/**
 * Saves a step of the applicant's attempt (fields and any files) and, with `submit`, submits
 * it. One transaction: the attempt is opened if there is none (a new attempt after a
 * resubmission request starts from the last one's fields), fields and files are written, and on
 * submit every required field and file must be there. A second attempt while one is submitted
 * or in review is refused; so is a kind the user's type and the tenant's policy do not lead to.
 */
export async function saveMyKyc(ctx: RequestContext, input: KycFieldsInput, files: CheckedFile[] = []): Promise<MyKycDto> {
  assertCan(ctx, 'account.kyc');
  const { submit, kind, ...fields } = kycFieldsSchema.parse(input);
  const tenantId = ctx.homeTenant.id;
  const userId = ctx.user.id;
  try {
    return await withHomeTenant(ctx, async (tx) => {
      // One applicant's saves run one at a time (two tabs cannot open two attempts).
      const [me] = await tx.select({ type: users.type, email: users.email }).from(users).where(and(eq(users.tenantId, tenantId), eq(users.id, userId))).for('update');
      if (!me) throw notFound('User');
      const previous = (await userSubmissions(tx, tenantId, userId)).filter((s) => s.kind === kind);
      await assertKindAllowed(tx, tenantId, me.type, kind, previous[0]?.status ?? null);
      let current = previous.find((s) => OPEN.includes(s.status));
      if (current && current.status !== 'in_progress') {
        throw new AppError('CONFLICT', 'Your documents are in review; you can change them only if the reviewer asks you to.', { status: current.status });
      }
      if (!current) {
        const last = previous[0];
        if (kind === 'identity' && last?.status === 'verified') throw new AppError('CONFLICT', 'Your identity is already verified.', { status: last.status });
        if (last?.status === 'rejected') throw new AppError('CONFLICT', 'Your last check was rejected, which is final. Contact support.', { status: last.status });
        const carried = last ? fieldsOf(last) : {};
        [current] = await tx
          .insert(kycSubmissions)
          .values({ tenantId, userId, kind, attempt: (last?.attempt ?? 0) + 1, ...carried, documentExpiresOn: null })
          .returning();
        await recordAuditIn(tx, ctx, tenantId, { action: 'kyc.started', resourceType: 'kyc_submission', resourceId: current!.id, details: { kind, attempt: current!.attempt } });
      }
      const submission = current!;
      const changes = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
      if (Object.keys(changes).length > 0) {
        await tx.update(kycSubmissions).set({ ...changes, updatedAt: sql`now()` }).where(and(eq(kycSubmissions.tenantId, tenantId), eq(kycSubmissions.id, submission.id)));
      }
      for (const f of files) {
        const row = { fileName: f.fileName, contentType: f.contentType, sizeBytes: f.sizeBytes, sha256: f.sha256, data: f.data, createdAt: sql`now()`, purgedAt: null };
        await tx
          .insert(kycFiles)
          .values({ tenantId, submissionId: submission.id, slot: f.slot, ...row })
          .onConflictDoUpdate({ target: [kycFiles.tenantId, kycFiles.submissionId, kycFiles.slot], set: row });
      }
      if (files.length > 0) {
        await recordAuditIn(tx, ctx, tenantId, {
          action: 'kyc.files_uploaded',
          resourceType: 'kyc_submission',
          resourceId: submission.id,
          details: { files: files.map((f) => ({ slot: f.slot, contentType: f.contentType, sizeBytes: f.sizeBytes, sha256: f.sha256 })) },
        });
      }
      if (submit) await submitAttempt(tx, ctx, submission.id, me.type);
      return readMyKyc(tx, { ...ctx, user: { ...ctx.user, type: me.type } }, kind);
    });
  } catch (error) {
    if (pgErrorCode(error) === '23505') throw new AppError('CONFLICT', 'Another check of yours is already open.');
    throw error;
  }
}

async function assertKindAllowed(tx: Tx, tenantId: string, type: UserType, kind: KycKind, last: KycStatus | null): Promise<void> {
  if (type === 'admin') throw new AppError('CONFLICT', 'Staff accounts do not verify their identity here.');
  if (kind === 'identity') {
    // Guests verify to become basic; anyone whose verified document expired re-verifies.
    if (type !== 'guest' && last !== 'expired' && last !== 'revoked' && last !== 'in_progress') throw new AppError('CONFLICT', 'Your identity is already verified.');
    return;
  }
  const settings = await readEndUserSettings(tx, tenantId);
  if (kind === 'address' && !(type === 'basic' && settings.basicToAdvanced === 'advanced_kyc')) {
    throw new AppError('CONFLICT', 'A proof of address is asked only of basic users, where the tenant upgrades to advanced by advanced KYC.');
  }
  if (kind === 'business' && !(type === 'advanced' && settings.advancedToCompany === 'business_verification')) {
    throw new AppError('CONFLICT', 'Business verification is asked only of advanced users, where the tenant upgrades to company by business verification.');
  }
}

async function submitAttempt(tx: Tx, ctx: RequestContext, id: string, type: UserType): Promise<void> {
  const tenantId = ctx.homeTenant.id;
  const [row] = await tx.select().from(kycSubmissions).where(and(eq(kycSubmissions.tenantId, tenantId), eq(kycSubmissions.id, id)));
  const slots = new Set((await filesOf(tx, tenantId, [id])).get(id)?.map((f) => f.slot) ?? []);
  const fields = fieldsOf(row!);
  const fieldErrors: Record<string, string[]> = {};
  for (const step of kycSteps[row!.kind]) {
    for (const missing of missingInStep(step, fields, slots)) {
      const key = (kycSlots as readonly string[]).includes(missing) ? `files.${missing}` : missing;
      (fieldErrors[key] ??= []).push(`${step.title}: this is required.`);
    }
  }
  if (row!.kind === 'identity') {
    if (fields.documentExpiresOn && fields.documentExpiresOn <= new Date().toISOString().slice(0, 10)) (fieldErrors.documentExpiresOn ??= []).push('The document has expired; use a valid one.');
    if (fields.dateOfBirth && fields.dateOfBirth > new Date(Date.now() - 16 * 365.25 * 86_400_000).toISOString().slice(0, 10)) (fieldErrors.dateOfBirth ??= []).push('You must be at least 16.');
  }
  if (Object.keys(fieldErrors).length > 0) throw new AppError('VALIDATION_ERROR', 'Some required details are missing.', { fieldErrors });
  await tx
    .update(kycSubmissions)
    .set({ status: 'submitted', submittedAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(kycSubmissions.tenantId, tenantId), eq(kycSubmissions.id, id), eq(kycSubmissions.status, 'in_progress')));
  // Advanced KYC and business verification are upgrade requests too: the queue shows them as such.
  const lead = kindFor[type];
  if (row!.kind !== 'identity' && lead?.kind === row!.kind) {
    await tx
      .insert(upgradeRequests)
      .values({ tenantId, userId: ctx.user.id, fromType: type, toType: lead.to, policy: row!.kind === 'address' ? 'advanced_kyc' : 'business_verification', submissionId: id })
      .onConflictDoNothing();
    await tx
      .update(upgradeRequests)
      .set({ submissionId: id })
      .where(and(eq(upgradeRequests.tenantId, tenantId), eq(upgradeRequests.userId, ctx.user.id), eq(upgradeRequests.status, 'pending')));
  }
  await recordAuditIn(tx, ctx, tenantId, { action: 'kyc.submitted', resourceType: 'kyc_submission', resourceId: id, details: { kind: row!.kind, attempt: row!.attempt } });
}

// The reviewer's side.

/** Reviewing is the tenant's own: the permission, and acting at home, never through a link. */
const assertReviewer = (ctx: RequestContext) => assertHomeCan(ctx, 'users.kyc.review');

const queueSort: Record<string, SortColumn> = {
  submitted: { column: kycSubmissions.submittedAt, key: sql`${kycSubmissions.submittedAt}::text`, type: 'timestamptz' },
};

/**
 * Which statuses a queue state covers, as SQL literals: the partial indexes name the same lists,
 * so the planner can use them whatever the statement's parameters are.
 */
const queueFilter: Record<'waiting' | 'submitted' | 'in_review' | 'decided', SQL> = {
  waiting: sql`${kycSubmissions.status} in ('submitted', 'in_review')`,
  submitted: sql`${kycSubmissions.status} in ('submitted', 'in_review') and ${kycSubmissions.status} = 'submitted'`,
  in_review: sql`${kycSubmissions.status} in ('submitted', 'in_review') and ${kycSubmissions.status} = 'in_review'`,
  decided: sql`${kycSubmissions.status} in ('verified', 'resubmission_requested', 'rejected', 'expired', 'revoked')`,
};

/**
 * The reviewer queue: submissions waiting (oldest first) or decided, keyset-paged both ways on
 * (submitted_at, id) under the tenant's index.
 */
export async function listKycQueue(ctx: RequestContext, input: KycQueueInput): Promise<SortedPage<KycQueueItemDto>> {
  assertReviewer(ctx);
  const parsed = kycQueueSchema.parse(input);
  const tenantId = ctx.activeTenant.id;
  return withTenant(ctx, (tx) => queuePage(tx, tenantId, ctx.user.id, parsed));
}

/**
 * The queue's query (the bench times exactly this): limit + 1 rows in keyset order. The page is
 * cut on the submissions index first and then joined to its applicants: joined first, the
 * planner (which cannot tell a tenant's size) may walk every user of the tenant and sort.
 * The subquery is named `kyc_submissions`, so the columns and the keyset refer to it unchanged.
 */
export function kycQueueQuery(tx: Tx, tenantId: string, me: string, input: ReturnType<typeof kycQueueSchema.parse>) {
  const ks = keyset(queueSort, kycSubmissions.id, input.sort, input.cursor);
  const filters: (SQL | undefined)[] = [
    eq(kycSubmissions.tenantId, tenantId),
    queueFilter[input.state],
    isNotNull(kycSubmissions.submittedAt),
    input.kind ? eq(kycSubmissions.kind, input.kind) : undefined,
    input.mine ? eq(kycSubmissions.assigneeId, me) : undefined,
    ks.where,
  ];
  const page = tx
    .select()
    .from(kycSubmissions)
    .where(and(...filters))
    .orderBy(...ks.orderBy)
    .limit(input.limit + 1)
    .as('kyc_submissions');
  return tx
    .select({
      id: kycSubmissions.id,
      kind: kycSubmissions.kind,
      status: kycSubmissions.status,
      attempt: kycSubmissions.attempt,
      submittedAt: kycSubmissions.submittedAt,
      assigneeId: kycSubmissions.assigneeId,
      assigneeLabel: kycSubmissions.assigneeLabel,
      userId: users.id,
      name: users.name,
      email: users.email,
      type: users.type,
      sortKey: ks.sortKey,
    })
    .from(page)
    .innerJoin(users, and(eq(users.tenantId, kycSubmissions.tenantId), eq(users.id, kycSubmissions.userId)))
    .orderBy(...ks.orderBy);
}

async function queuePage(
  tx: Tx,
  tenantId: string,
  me: string,
  input: ReturnType<typeof kycQueueSchema.parse>,
): Promise<SortedPage<KycQueueItemDto>> {
  const ks = keyset(queueSort, kycSubmissions.id, input.sort, input.cursor);
  const rows = await kycQueueQuery(tx, tenantId, me, input);
  return keysetPage(
    rows,
    input.limit,
    ks,
    (r) => ({
      id: r.id,
      kind: r.kind,
      status: r.status,
      attempt: r.attempt,
      applicant: { id: r.userId, name: r.name, email: r.email, type: r.type },
      submittedAt: iso(r.submittedAt),
      assignee: r.assigneeId ? { id: r.assigneeId, label: r.assigneeLabel ?? '' } : null,
    }),
    () => queuePage(tx, tenantId, me, { ...input, cursor: undefined }),
  );
}

/** One submission for review: fields, files, the applicant and their earlier attempts. */
export async function getKycSubmission(ctx: RequestContext, { id }: { id: string }): Promise<KycReviewDto> {
  assertReviewer(ctx);
  const tenantId = ctx.activeTenant.id;
  return withTenant(ctx, async (tx) => {
    const [row] = await tx
      .select()
      .from(kycSubmissions)
      .where(and(eq(kycSubmissions.tenantId, tenantId), eq(kycSubmissions.id, id), ne(kycSubmissions.status, 'in_progress')));
    if (!row) throw notFound('Submission');
    const [applicant] = await tx
      .select({ id: users.id, name: users.name, email: users.email, type: users.type, status: users.status })
      .from(users)
      .where(and(eq(users.tenantId, tenantId), eq(users.id, row.userId)));
    const earlier = (await userSubmissions(tx, tenantId, row.userId)).filter((s) => s.id !== id && s.kind === row.kind && s.status !== 'in_progress');
    const files = await filesOf(tx, tenantId, [id]);
    return {
      ...toSubmissionDto(row, files.get(id) ?? []),
      applicant: applicant!,
      assignee: row.assigneeId ? { id: row.assigneeId, label: row.assigneeLabel ?? '' } : null,
      decidedBy: row.decidedByLabel,
      earlier: earlier.map((s) => ({
        id: s.id,
        kind: s.kind,
        status: s.status,
        attempt: s.attempt,
        submittedAt: iso(s.submittedAt),
        decidedAt: iso(s.decidedAt),
        decisionReason: s.decisionReason,
        resubmissionReasons: s.resubmissionReasons ?? [],
      })),
    };
  });
}

/**
 * A document's bytes, for the reviewer (every view audited) or its own applicant. Purged files
 * are gone (404); files of an attempt still in progress are the applicant's alone.
 */
export async function readKycFile(ctx: RequestContext, { id, fileId }: { id: string; fileId: string }): Promise<{ data: Buffer; contentType: string; fileName: string }> {
  assertReviewer(ctx);
  const tenantId = ctx.activeTenant.id;
  return withTenant(ctx, async (tx) => {
    const [file] = await tx
      .select({ data: kycFiles.data, contentType: kycFiles.contentType, fileName: kycFiles.fileName, slot: kycFiles.slot })
      .from(kycFiles)
      .innerJoin(kycSubmissions, and(eq(kycSubmissions.tenantId, kycFiles.tenantId), eq(kycSubmissions.id, kycFiles.submissionId)))
      .where(and(eq(kycFiles.tenantId, tenantId), eq(kycFiles.submissionId, id), eq(kycFiles.id, fileId), ne(kycSubmissions.status, 'in_progress')));
    if (!file?.data) throw notFound('File');
    await recordAudit(tx, ctx, { action: 'kyc.file_viewed', resourceType: 'kyc_submission', resourceId: id, details: { fileId, slot: file.slot } });
    return { data: file.data, contentType: file.contentType, fileName: file.fileName };
  });
}

/** The applicant's own file (their thumbnail in the stepper); audited like every view of a document. */
export async function readMyKycFile(ctx: RequestContext, { fileId }: { fileId: string }): Promise<{ data: Buffer; contentType: string; fileName: string }> {
  assertCan(ctx, 'account.kyc');
  const tenantId = ctx.homeTenant.id;
  return withHomeTenant(ctx, async (tx) => {
    const [file] = await tx
      .select({ data: kycFiles.data, contentType: kycFiles.contentType, fileName: kycFiles.fileName })
      .from(kycFiles)
      .innerJoin(kycSubmissions, and(eq(kycSubmissions.tenantId, kycFiles.tenantId), eq(kycSubmissions.id, kycFiles.submissionId)))
      .where(and(eq(kycFiles.tenantId, tenantId), eq(kycFiles.id, fileId), eq(kycSubmissions.userId, ctx.user.id)));
    if (!file?.data) throw notFound('File');
    await recordAuditIn(tx, ctx, tenantId, { action: 'kyc.file_viewed', resourceType: 'kyc_file', resourceId: fileId, details: { own: true } });
    return { data: file.data, contentType: file.contentType, fileName: file.fileName };
  });
}

/** "Assign to me": a waiting submission moves to in review with this reviewer. */
export async function assignKycSubmission(ctx: RequestContext, { id }: { id: string }): Promise<{ id: string; status: KycStatus }> {
  assertReviewer(ctx);
  const tenantId = ctx.activeTenant.id;
  return withTenant(ctx, async (tx) => {
    const [row] = await tx
      .update(kycSubmissions)
      .set({ status: 'in_review', assigneeId: ctx.user.id, assigneeLabel: ctx.user.name, updatedAt: sql`now()` })
      .where(and(eq(kycSubmissions.tenantId, tenantId), eq(kycSubmissions.id, id), inArray(kycSubmissions.status, WAITING)))
      .returning({ id: kycSubmissions.id, status: kycSubmissions.status });
    if (!row) await explainNotWaiting(tx, tenantId, id);
    await recordAudit(tx, ctx, { action: 'kyc.assigned', resourceType: 'kyc_submission', resourceId: id, details: { assignee: ctx.user.email } });
    return row!;
  });
}

async function explainNotWaiting(tx: Tx, tenantId: string, id: string): Promise<never> {
  const [other] = await tx
    .select({ status: kycSubmissions.status, by: kycSubmissions.decidedByLabel })
    .from(kycSubmissions)
    .where(and(eq(kycSubmissions.tenantId, tenantId), eq(kycSubmissions.id, id), ne(kycSubmissions.status, 'in_progress')));
  if (!other) throw notFound('Submission');
  throw new AppError('CONFLICT', `This submission was already decided (${other.status.replace('_', ' ')}${other.by ? ` by ${other.by}` : ''}).`, { status: other.status });
}

const reasonText = (reasons: readonly string[], note: string | undefined) =>
  [...reasons.map((r) => resubmissionReasons[r as keyof typeof resubmissionReasons]), ...(note ? [note] : [])].join(' ');

/** The text an applicant will see for a resubmission request (the reviewer previews it). */
export const resubmissionText = reasonText;

/**
 * Approve, request resubmission or reject. One transaction: a conditional update (only a
 * waiting submission can be decided, so of two reviewers deciding at once exactly one wins and
 * the other is told), the user's type change when approved, the upgrade request, a notice and
 * a mail, and the audit event. If any part fails, nothing of it stays.
 */
export async function decideKycSubmission(ctx: RequestContext, input: { id: string } & KycDecisionInput): Promise<KycReviewDto> {
  assertReviewer(ctx);
  const decision = kycDecisionSchema.parse(input);
  const tenantId = ctx.activeTenant.id;
  const label = ctx.user.email;
  await withTenant(ctx, async (tx) => {
    const status: KycStatus = decision.decision === 'approve' ? 'verified' : decision.decision === 'reject' ? 'rejected' : 'resubmission_requested';
    const reasons = decision.decision === 'request_resubmission' ? decision.reasons : null;
    const text = decision.decision === 'reject' ? decision.reason : decision.decision === 'request_resubmission' ? reasonText(decision.reasons, decision.note) : null;
    const [row] = await tx
      .update(kycSubmissions)
      .set({
        status,
        decidedAt: sql`now()`,
        decidedBy: ctx.user.id,
        decidedByLabel: label,
        decisionReason: text,
        resubmissionReasons: reasons,
        ...(decision.decision === 'approve' && decision.documentExpiresOn ? { documentExpiresOn: decision.documentExpiresOn } : {}),
        updatedAt: sql`now()`,
      })
      .where(and(eq(kycSubmissions.tenantId, tenantId), eq(kycSubmissions.id, input.id), inArray(kycSubmissions.status, WAITING)))
      .returning();
    if (!row) return explainNotWaiting(tx, tenantId, input.id);
    const [applicant] = await tx.select({ type: users.type, email: users.email }).from(users).where(and(eq(users.tenantId, tenantId), eq(users.id, row.userId)));
    const lead = Object.entries(kindFor).find(([, v]) => v.kind === row.kind)!;
    const [from, { to }] = lead as [UserType, { kind: KycKind; to: UserType }];
    await recordAudit(tx, ctx, { action: `kyc.${decision.decision === 'approve' ? 'approved' : decision.decision === 'reject' ? 'rejected' : 'resubmission_requested'}`, resourceType: 'kyc_submission', resourceId: row.id, details: { kind: row.kind, attempt: row.attempt, applicant: row.userId, reason: text } });

    const notice = { tenantId, userId: row.userId, mailTo: applicant!.email, tenantName: ctx.activeTenant.name, href: `/t/${ctx.activeTenant.slug}/account` };
    // Re-verifying an expired document of a user who kept their type: verified, nothing to move.
    const reverification = row.kind === 'identity' && applicant!.type !== 'guest' && applicant!.type !== 'admin';
    if (decision.decision === 'approve' && reverification) {
      await notifyUser(tx, { ...notice, kind: 'kyc.verified', title: 'Identity verified again', body: 'Your new identity document is verified.' });
    } else if (decision.decision === 'approve') {
      const moved = await transitionUserType(tx, {
        tenantId,
        userId: row.userId,
        from,
        to,
        source: 'kyc',
        reason: `${kycKindLabels[row.kind]} verified`,
        actor: { userId: ctx.user.id, label },
        audit: (e) => recordAudit(tx, ctx, e),
      });
      // The applicant's type changed since they submitted (an admin moved them): nothing changes.
      if (!moved) throw new AppError('CONFLICT', `The applicant is no longer ${from} (now ${applicant!.type}); nothing was changed.`, { type: applicant!.type });
      await settleUpgradeRequest(tx, tenantId, row.userId, row.id, 'approved', ctx.user.id, null);
      await notifyUser(tx, { ...notice, kind: 'kyc.verified', title: `You are now ${to}`, body: `${kycKindLabels[row.kind]} is verified. Your account is ${to} from now on, with its limits and plans.` });
    } else if (decision.decision === 'reject') {
      await settleUpgradeRequest(tx, tenantId, row.userId, row.id, 'rejected', ctx.user.id, text);
      await notifyUser(tx, { ...notice, kind: 'kyc.rejected', title: `${kycKindLabels[row.kind]} rejected`, body: `Your ${kycKindLabels[row.kind].toLowerCase()} was rejected: ${text}` });
    } else {
      await notifyUser(tx, { ...notice, href: `/t/${ctx.activeTenant.slug}/account/verify${row.kind === 'identity' ? '' : `?kind=${row.kind}`}`, kind: 'kyc.resubmission_requested', title: 'Please send your documents again', body: text! });
    }
  });
  return getKycSubmission(ctx, { id: input.id });
}

async function settleUpgradeRequest(tx: Tx, tenantId: string, userId: string, submissionId: string, status: 'approved' | 'rejected', by: string, reason: string | null) {
  await tx
    .update(upgradeRequests)
    .set({ status, decidedAt: sql`now()`, decidedBy: by, decisionReason: reason })
    .where(and(eq(upgradeRequests.tenantId, tenantId), eq(upgradeRequests.userId, userId), eq(upgradeRequests.submissionId, submissionId), eq(upgradeRequests.status, 'pending')));
}



/** The type a revoked check leaves its holder at: the type below the one the check leads to. */
const belowCheck: Record<KycKind, UserType> = { identity: 'guest', address: 'basic', business: 'advanced' };

/**
 * Revokes a verified check (fraud, a forged document): the submission turns `revoked` and its
 * holder drops to the type below the one it leads to (identity: guest) if they are above it,
 * in one transaction with a notice, a mail and the audit event. Only a verified check can be
 * revoked (409 otherwise).
 */
export async function revokeKycVerification(ctx: RequestContext, input: { id: string; reason: string }): Promise<KycReviewDto> {
  assertReviewer(ctx);
  const reason = kycRevokeSchema.parse({ reason: input.reason }).reason;
  const tenantId = ctx.activeTenant.id;
  await withTenant(ctx, async (tx) => {
    const [row] = await tx
      .update(kycSubmissions)
      .set({ status: 'revoked', decisionReason: reason, decidedAt: sql`now()`, decidedBy: ctx.user.id, decidedByLabel: ctx.user.email, updatedAt: sql`now()` })
      .where(and(eq(kycSubmissions.tenantId, tenantId), eq(kycSubmissions.id, input.id), eq(kycSubmissions.status, 'verified')))
      .returning();
    if (!row) {
      const [other] = await tx.select({ status: kycSubmissions.status }).from(kycSubmissions).where(and(eq(kycSubmissions.tenantId, tenantId), eq(kycSubmissions.id, input.id), ne(kycSubmissions.status, 'in_progress')));
      if (!other) throw notFound('Submission');
      throw new AppError('CONFLICT', `Only a verified check can be revoked; this one is ${other.status.replace('_', ' ')}.`, { status: other.status });
    }
    const [user] = await tx.select({ type: users.type, email: users.email }).from(users).where(and(eq(users.tenantId, tenantId), eq(users.id, row.userId))).for('update');
    await recordAudit(tx, ctx, { action: 'kyc.revoked', resourceType: 'kyc_submission', resourceId: row.id, details: { kind: row.kind, applicant: row.userId, reason } });
    const to = belowCheck[row.kind];
    if (user && ladder.includes(user.type) && ladder.indexOf(user.type) > ladder.indexOf(to)) {
      await transitionUserType(tx, { tenantId, userId: row.userId, from: user.type, to, source: 'kyc', reason: `${kycKindLabels[row.kind]} revoked: ${reason}`, actor: { userId: ctx.user.id, label: ctx.user.email }, audit: (e) => recordAudit(tx, ctx, e) });
    }
    await notifyUser(tx, {
      tenantId,
      userId: row.userId,
      kind: 'kyc.revoked',
      title: `${kycKindLabels[row.kind]} revoked`,
      body: `Your ${kycKindLabels[row.kind].toLowerCase()} was revoked: ${reason}`,
      href: `/t/${ctx.activeTenant.slug}/account`,
      mailTo: user?.email,
      tenantName: ctx.activeTenant.name,
    });
  });
  return getKycSubmission(ctx, { id: input.id });
}
