import { describe, expect, it } from 'vitest';
import { resolveContext } from '@/lib/data/context';
import { decideKycSubmission, getKycSubmission, getMyKyc, kycQueueQuery, listKycQueue, readKycFile, readMyKycFile, revokeKycVerification, saveMyKyc, assignKycSubmission } from '@/lib/data/kyc';
import { kycQueueSchema } from '@/lib/validation/kyc-queue';
import { parentOf, planOf } from '../support/plans';
import { unsafePurgeKycFiles, unsafeRunKycExpiry } from '@/lib/data/internal/kyc-jobs';
import { checkUpload } from '@/lib/kyc/files';
import { sampleCard, samplePdf, sampleSelfie } from '@/db/sample-documents';
import { linkAccessRoles } from '@/lib/config/enums';
import { contextFor, meta, owner, tenantId, userId, ALICE } from '../support/world';

const reviewer = () => contextFor('northwind', 'reviewer@northwind.example');
const admin = () => contextFor('northwind', 'admin@northwind.example');
const gina = () => contextFor('northwind', 'guest@northwind.example');

/** Gina (a northwind guest) fills in and submits her identity check; returns the submission id. */
async function submitIdentity(): Promise<string> {
  await saveMyKyc(await gina(), { legalName: 'Gina Guest', dateOfBirth: '1991-02-03', country: 'us', address: '2 Sample Road' });
  await saveMyKyc(await gina(), { documentType: 'passport', documentExpiresOn: '2031-05-06' }, [await checkUpload('front', 'passport.png', sampleCard('front'))]);
  const done = await saveMyKyc(await gina(), { submit: true });
  expect(done.current).toMatchObject({ status: 'submitted', attempt: 1 });
  return done.current!.id;
}

const typeOf = async (email: string) => (await owner()`select type from users where id = ${await userId('northwind', email)}`)[0]!.type as string;

describe('KYC uploads are judged by their bytes', () => {
  it('accepts PNG, JPEG and PDF, whatever the browser claims', async () => {
    expect(await checkUpload('front', 'card.png', sampleCard('front'))).toMatchObject({ contentType: 'image/png' });
    expect(await checkUpload('proof', 'bill.pdf', samplePdf('bill', ['x']))).toMatchObject({ contentType: 'application/pdf' });
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]), Buffer.alloc(64, 7), Buffer.from([0xff, 0xd9])]);
    expect(await checkUpload('selfie', 'me.jpg', jpeg)).toMatchObject({ contentType: 'image/jpeg' });
    // No extension at all: the content decides.
    expect(await checkUpload('front', 'scan', sampleCard('front'))).toMatchObject({ contentType: 'image/png' });
  });

  it('refuses a file whose bytes are not what its name says, other types, truncated files and oversized ones, naming the file and the rule', async () => {
    await expect(checkUpload('front', 'card.pdf', sampleCard('front'))).rejects.toMatchObject({ code: 'VALIDATION_ERROR', message: 'card.pdf: the name says .pdf but the content is PNG.' });
    await expect(checkUpload('front', 'notes.png', Buffer.from('just some text, not an image'))).rejects.toMatchObject({ message: 'notes.png: only JPEG, PNG or PDF files are accepted.' });
    const gif = Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(40)]);
    await expect(checkUpload('front', 'anim.gif', gif)).rejects.toMatchObject({ message: /only JPEG, PNG or PDF files are accepted \(this file is GIF\)/ });
    const png = sampleCard('front');
    await expect(checkUpload('front', 'cut.png', png.subarray(0, Math.floor(png.length / 2)))).rejects.toMatchObject({ message: /cut.png: the PNG file is incomplete/ });
    const pdf = samplePdf('bill', ['x']);
    await expect(checkUpload('proof', 'cut.pdf', pdf.subarray(0, pdf.length - 30))).rejects.toMatchObject({ message: /incomplete/ });
    const big = Buffer.concat([png.subarray(0, 100), Buffer.alloc(10 * 1024 * 1024), png.subarray(png.length - 12)]);
    await expect(checkUpload('front', 'huge.png', big)).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { fieldErrors: { 'files.front': ['huge.png: at most 10 MB.'] } } });
    await expect(checkUpload('front', 'empty.png', Buffer.alloc(0))).rejects.toMatchObject({ message: 'empty.png: the file is empty.' });
  });
});

describe('the KYC flow', () => {
  it('a guest submits, the reviewer approves: basic at once, with history, role, session rules, a notice and a mail', async () => {
    const id = await submitIdentity();
    const before = await gina();
    expect(before.policy.opsPerDay).toBe(5);
    // A second attempt while this one waits is refused, and changes nothing.
    await expect(saveMyKyc(await gina(), { legalName: 'Someone Else' })).rejects.toMatchObject({ code: 'CONFLICT' });

    const queue = await listKycQueue(await reviewer(), {});
    expect(queue.items.map((i) => i.id)).toContain(id);
    const review = await getKycSubmission(await reviewer(), { id });
    expect(review).toMatchObject({ legalName: 'Gina Guest', applicant: { email: 'guest@northwind.example' }, files: [expect.objectContaining({ slot: 'front', contentType: 'image/png' })] });
    const file = await readKycFile(await reviewer(), { id, fileId: review.files[0]!.id });
    expect(file.data.equals(sampleCard('front'))).toBe(true);
    expect(await owner()`select 1 from audit_events where action = 'kyc.file_viewed' and resource_id = ${id}`).toHaveLength(1);

    await decideKycSubmission(await reviewer(), { id, decision: 'approve', documentExpiresOn: '2031-05-07' });
    expect(await typeOf('guest@northwind.example')).toBe('basic');
    const uid = await userId('northwind', 'guest@northwind.example');
    const history = await owner()`select from_type, to_type, source, actor_label from user_type_history where user_id = ${uid}`;
    expect(history).toEqual([{ from_type: 'guest', to_type: 'basic', source: 'kyc', actor_label: 'reviewer@northwind.example' }]);
    const roles = await owner()`select r.key from user_roles ur join roles r on r.tenant_id = ur.tenant_id and r.id = ur.role_id where ur.user_id = ${uid}`;
    expect(roles.map((r) => r.key)).toEqual(['basic']);
    // The guest's 20-minute session now lives by basic rules, from the very next request.
    const after = await resolveContext({ sessionId: before.sessionId, userId: uid, tenantId: before.homeTenant.id }, null, meta);
    expect(after.user.type).toBe('basic');
    expect(after.policy.opsPerDay).toBe(20);
    const [session] = await owner()`select expires_at - created_at > interval '11 hours' as long from sessions where id = ${before.sessionId}`;
    expect(session!.long).toBe(true);
    expect((await getMyKyc(after)).state).toBe('verified');
    expect(await owner()`select title from notifications where user_id = ${uid}`).toEqual([{ title: 'You are now basic' }]);
    expect(await owner()`select subject from mail_outbox where to_address = 'guest@northwind.example'`).toEqual([{ subject: 'Northwind Fiber: You are now basic' }]);
    const [sub] = await owner()`select document_expires_on::text as d, decided_by_label from kyc_submissions where id = ${id}`;
    expect(sub).toEqual({ d: '2031-05-07', decided_by_label: 'reviewer@northwind.example' });
  });

  it('of two reviewers deciding at once, exactly one decision stands and the other is told', async () => {
    const id = await submitIdentity();
    const [a, b] = [await reviewer(), await admin()];
    const results = await Promise.allSettled([
      decideKycSubmission(a, { id, decision: 'approve' }),
      decideKycSubmission(b, { id, decision: 'reject', reason: 'Document does not match the applicant.' }),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/already decided/) });
    const decisions = await owner()`select action from audit_events where resource_id = ${id} and action in ('kyc.approved', 'kyc.rejected')`;
    expect(decisions).toHaveLength(1);
    const [row] = await owner()`select status from kyc_submissions where id = ${id}`;
    expect(await typeOf('guest@northwind.example')).toBe(row!.status === 'verified' ? 'basic' : 'guest');
  });

  it('a resubmission round trip: the reasons reach the applicant, the next attempt starts from the last one', async () => {
    const id = await submitIdentity();
    await assignKycSubmission(await reviewer(), { id });
    await decideKycSubmission(await reviewer(), { id, decision: 'request_resubmission', reasons: ['blurry', 'missing_back'], note: 'Use daylight.' });
    const mine = await getMyKyc(await gina());
    expect(mine.current).toMatchObject({ status: 'resubmission_requested', resubmissionReasons: ['blurry', 'missing_back'] });
    expect(mine.current!.decisionReason).toMatch(/blurry.*Upload both sides\. Use daylight\./);
    const next = await saveMyKyc(await gina(), { documentType: 'national_id' }, [await checkUpload('front', 'f.png', sampleCard('front')), await checkUpload('back', 'b.png', sampleCard('back'))]);
    expect(next.current).toMatchObject({ status: 'in_progress', attempt: 2, legalName: 'Gina Guest', documentType: 'national_id', documentExpiresOn: null });
    // The expiry date must be entered again for the new document.
    await expect(saveMyKyc(await gina(), { submit: true })).rejects.toMatchObject({ code: 'VALIDATION_ERROR', details: { fieldErrors: { documentExpiresOn: expect.any(Array) } } });
    const sent = await saveMyKyc(await gina(), { documentExpiresOn: '2032-01-01', submit: true });
    expect(sent.current).toMatchObject({ status: 'submitted', attempt: 2 });
    const review = await getKycSubmission(await reviewer(), { id: sent.current!.id });
    expect(review.earlier).toEqual([expect.objectContaining({ id, status: 'resubmission_requested', attempt: 1 })]);
  });

  it('a failure half-way through a decision leaves the type and the submission as they were', async () => {
    const id = await submitIdentity();
    // A proof-of-address check (basic -> advanced) whose applicant an admin moved down to guest
    // before the decision landed: the type change fails, so nothing of the decision may stay.
    await owner()`update kyc_submissions set kind = 'address' where id = ${id}`;
    await expect(decideKycSubmission(await reviewer(), { id, decision: 'approve' })).rejects.toMatchObject({ code: 'CONFLICT', message: /no longer basic/ });
    const [row] = await owner()`select status, decided_at from kyc_submissions where id = ${id}`;
    expect(row).toEqual({ status: 'submitted', decided_at: null });
    expect(await owner()`select 1 from user_type_history where user_id = ${await userId('northwind', 'guest@northwind.example')}`).toHaveLength(0);
    expect(await owner()`select 1 from audit_events where resource_id = ${id} and action in ('kyc.approved', 'kyc.rejected', 'kyc.resubmission_requested')`).toHaveLength(0);
  });

  it('refuses a decision on a foreign or unknown submission as not found, and on a decided one as a conflict', async () => {
    const id = await submitIdentity();
    // Contoso's admin cannot see northwind's submission at all.
    await expect(decideKycSubmission(await contextFor('contoso', 'admin@contoso.example'), { id, decision: 'approve' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getKycSubmission(await contextFor('contoso', 'admin@contoso.example'), { id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await decideKycSubmission(await reviewer(), { id, decision: 'approve' });
    await expect(decideKycSubmission(await reviewer(), { id, decision: 'approve' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('a partner link of every access role cannot reach KYC: not the queue, not a submission, not a file', async () => {
    const id = await submitIdentity();
    const fileId = (await getKycSubmission(await reviewer(), { id })).files[0]!.id;
    const nw = await tenantId('northwind');
    for (const role of linkAccessRoles) {
      // acme's one link to northwind, in each access role (with every override a delegate can ask for).
      await owner()`update partner_tenant_links set access_role = ${role}, custom_permissions = ${owner().json({ 'users.kyc.review': true, 'users.read': true })}
        where managed_tenant_id = ${nw} and status = 'active'`;
      const alice = await contextFor(...ALICE, 'northwind');
      expect(alice.via).toBe('link');
      await expect(listKycQueue(alice, {}), role).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(getKycSubmission(alice, { id }), role).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(readKycFile(alice, { id, fileId }), role).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(decideKycSubmission(alice, { id, decision: 'approve' }), role).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await owner()`select 1 from audit_events where action = 'kyc.file_viewed' and resource_id = ${id}`).toHaveLength(0);
  });
});

describe('revoking a verification', () => {
  it('drops the holder below the type the check gave them, once, and lets them verify again', async () => {
    const id = await submitIdentity();
    await decideKycSubmission(await reviewer(), { id, decision: 'approve' });
    expect(await typeOf('guest@northwind.example')).toBe('basic');
    await expect(revokeKycVerification(await reviewer(), { id, reason: 'no' })).rejects.toThrow(/at least 5 characters/);
    const revoked = await revokeKycVerification(await reviewer(), { id, reason: 'The passport number belongs to someone else.' });
    expect(revoked.status).toBe('revoked');
    expect(await typeOf('guest@northwind.example')).toBe('guest');
    await expect(revokeKycVerification(await reviewer(), { id, reason: 'Again, by a second reviewer.' })).rejects.toMatchObject({ code: 'CONFLICT' });
    const uid = await userId('northwind', 'guest@northwind.example');
    expect(await owner()`select from_type, to_type, source from user_type_history where user_id = ${uid} order by created_at`).toEqual([
      { from_type: 'guest', to_type: 'basic', source: 'kyc' },
      { from_type: 'basic', to_type: 'guest', source: 'kyc' },
    ]);
    const again = await saveMyKyc(await gina(), { legalName: 'Gina Guest' });
    expect(again.current).toMatchObject({ status: 'in_progress', attempt: 2 });
  });
});

describe('the applicant', () => {
  it('sees their own files (each view audited) and nobody else\'s', async () => {
    const id = await submitIdentity();
    const fileId = (await getKycSubmission(await reviewer(), { id })).files[0]!.id;
    expect((await readMyKycFile(await gina(), { fileId })).contentType).toBe('image/png');
    await expect(readMyKycFile(await contextFor('northwind', 'basic@northwind.example'), { fileId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await owner()`select details from audit_events where action = 'kyc.file_viewed' and resource_id = ${fileId}`).toEqual([{ details: { own: true } }]);
  });
});

describe('KYC jobs', () => {
  it('the expiry job warns at 30 and 7 days, then expires and downgrades once, however often it runs', async () => {
    const eve = await userId('northwind', 'expiring@northwind.example');
    // Seeded 5 days out: the 7-day warning is due, the 30-day one is not sent on top of it.
    await unsafeRunKycExpiry();
    await unsafeRunKycExpiry();
    expect(await owner()`select title from notifications where user_id = ${eve}`).toEqual([{ title: expect.stringMatching(/expires on/) }]);
    const mailed = await owner()`select subject from mail_outbox where to_address = 'expiring@northwind.example'`;
    expect(mailed).toHaveLength(1);

    await owner()`update kyc_submissions set document_expires_on = current_date where user_id = ${eve} and kind = 'identity'`;
    const first = await unsafeRunKycExpiry();
    const second = await unsafeRunKycExpiry();
    expect(first.expired).toBe(1);
    expect(second.expired).toBe(0);
    expect(await typeOf('expiring@northwind.example')).toBe('guest');
    const history = await owner()`select from_type, to_type, source from user_type_history where user_id = ${eve} and source = 'expiry'`;
    expect(history).toEqual([{ from_type: 'basic', to_type: 'guest', source: 'expiry' }]);
    const [kyc] = await owner()`select status from kyc_submissions where user_id = ${eve} and kind = 'identity'`;
    expect(kyc!.status).toBe('expired');
    // And they may verify again.
    const mine = await saveMyKyc(await contextFor('northwind', 'expiring@northwind.example'), { kind: 'identity', legalName: 'Eve Expiring' });
    expect(mine.current).toMatchObject({ status: 'in_progress', attempt: 2 });
  });

  it('the retention job deletes document files after the tenant-set days and keeps the decision and fields', async () => {
    const id = await submitIdentity();
    await decideKycSubmission(await reviewer(), { id, decision: 'approve' });
    await owner()`update kyc_submissions set decided_at = now() - interval '89 days' where id = ${id}`;
    await unsafePurgeKycFiles();
    expect((await owner()`select count(*)::int as n from kyc_files where submission_id = ${id} and data is not null`)[0]!.n).toBe(1);
    await owner()`update kyc_submissions set decided_at = now() - interval '91 days' where id = ${id}`;
    const purged = await unsafePurgeKycFiles();
    expect(purged.purged).toBeGreaterThanOrEqual(1);
    expect(await owner()`select data is null as gone, purged_at is not null as marked from kyc_files where submission_id = ${id}`).toEqual([{ gone: true, marked: true }]);
    const [row] = await owner()`select status, legal_name, files_purged_at is not null as purged from kyc_submissions where id = ${id}`;
    expect(row).toEqual({ status: 'verified', legal_name: 'Gina Guest', purged: true });
    expect(await owner()`select 1 from audit_events where action = 'kyc.approved' and resource_id = ${id}`).toHaveLength(1);
    const review = await getKycSubmission(await reviewer(), { id });
    await expect(readKycFile(await reviewer(), { id, fileId: review.files[0]!.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(review.files[0]!.purged).toBe(true);
    expect(sampleSelfie().length).toBeGreaterThan(0);
  });
});

describe('the reviewer queue', () => {
  it('cuts its page on the waiting index first, then joins the applicants: never the whole tenant walked or sorted', async () => {
    const northwind = await tenantId('northwind');
    const reviewer = await userId('northwind', 'reviewer@northwind.example');
    for (const state of ['waiting', 'decided'] as const) {
      const plan = await planOf(northwind, (tx) => kycQueueQuery(tx, northwind, reviewer, kycQueueSchema.parse({ state })));
      expect(parentOf(plan, /Index (Only )?Scan( Backward)? using kyc_submissions_\w+ on kyc_submissions/), state).toMatch(/^Limit/);
      expect(plan, state).not.toMatch(/Seq Scan on (kyc_submissions|users)/);
    }
    // And it still answers: the waiting submissions with their applicants, oldest first.
    const page = await listKycQueue(await contextFor('northwind', 'reviewer@northwind.example'), {});
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.map((i) => i.submittedAt)).toEqual([...page.items.map((i) => i.submittedAt)].sort());
    expect(page.items.every((i) => i.applicant.email.length > 0)).toBe(true);
  });
});
