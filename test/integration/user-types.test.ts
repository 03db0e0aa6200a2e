import { describe, expect, it } from 'vitest';
import { changeUserType, getTypeOverview } from '@/lib/data/user-types';
import { decideUpgradeRequest, listUpgradeRequests, requestUpgrade } from '@/lib/data/upgrades';
import { decideKycSubmission, saveMyKyc } from '@/lib/data/kyc';
import { defaultEndUserSettings, updateEndUserSettings } from '@/lib/data/end-user-settings';
import { checkUpload } from '@/lib/kyc/files';
import { samplePdf } from '@/db/sample-documents';
import { ALICE, contextFor, owner, userId } from '../support/world';

const admin = () => contextFor('northwind', 'admin@northwind.example');
const ben = () => contextFor('northwind', 'basic@northwind.example');
const typeOf = async (email: string) => (await owner()`select type from users where id = ${await userId('northwind', email)}`)[0]!.type as string;
const setPolicy = async (patch: Partial<typeof defaultEndUserSettings>) => updateEndUserSettings(await admin(), { ...defaultEndUserSettings, ...patch });

describe('type changes by an admin', () => {
  it('moves one step with a reason, recorded in the history, the audit log and a notice to the user', async () => {
    const id = await userId('northwind', 'basic@northwind.example');
    const overview = await getTypeOverview(await admin(), { id });
    expect(overview.options).toEqual([
      { to: 'guest', allowed: true, why: null },
      { to: 'advanced', allowed: true, why: null },
    ]);
    const result = await changeUserType(await admin(), { id, to: 'advanced', reason: 'Long-standing customer' });
    expect(result.type).toBe('advanced');
    expect(result.history[0]).toMatchObject({ fromType: 'basic', toType: 'advanced', source: 'admin', reason: 'Long-standing customer', actor: 'admin@northwind.example' });
    const [audit] = await owner()`select details from audit_events where action = 'user.type_changed' and resource_id = ${id}`;
    expect(audit!.details).toMatchObject({ from: 'basic', to: 'advanced', source: 'admin' });
    expect(await owner()`select title from notifications where user_id = ${id}`).toEqual([{ title: 'Your account is now Advanced' }]);
    expect((await ben()).policy.opsPerDay).toBeNull();
  });

  it('offers only neighbours, explains why a guest cannot simply be made basic, and leaves staff alone', async () => {
    const guest = await userId('northwind', 'guest@northwind.example');
    const overview = await getTypeOverview(await admin(), { id: guest });
    expect(overview.options).toEqual([{ to: 'basic', allowed: false, why: expect.stringMatching(/verifying their identity/) }]);
    await expect(changeUserType(await admin(), { id: guest, to: 'basic', reason: 'Because I say so' })).rejects.toMatchObject({ code: 'CONFLICT' });
    const basic = await userId('northwind', 'basic@northwind.example');
    await expect(changeUserType(await admin(), { id: basic, to: 'company', reason: 'Skipping a step' })).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    await expect(changeUserType(await admin(), { id: basic, to: 'advanced', reason: 'no' })).rejects.toThrow();
    const staff = await userId('northwind', 'reviewer@northwind.example');
    await expect(changeUserType(await admin(), { id: staff, to: 'guest', reason: 'Staff are not end users' })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await typeOf('guest@northwind.example')).toBe('guest');
    expect(await typeOf('basic@northwind.example')).toBe('basic');
    expect(await owner()`select 1 from user_type_history where user_id in (${guest}, ${basic}, ${staff}) and source = 'admin'`).toHaveLength(0);
  });

  it("through a link, a partner moves the tenant's subscribers (audited as a link write), and an id of another tenant is not found", async () => {
    const id = await userId('northwind', 'basic@northwind.example');
    const alice = await contextFor(...ALICE, 'northwind');
    await changeUserType(alice, { id, to: 'guest', reason: 'Fraud suspected by the MSP' });
    const [audit] = await owner()`select via, link_id is not null as linked from audit_events where action = 'user.type_changed' and resource_id = ${id}`;
    expect(audit).toEqual({ via: 'link', linked: true });
    const [h] = await owner()`select actor_label from user_type_history where user_id = ${id} and source = 'admin'`;
    expect(h!.actor_label).toBe('alice@acme-msp.example (Acme Managed Services)');
    const foreign = await userId('globex', 'pat@example.com');
    await expect(changeUserType(await admin(), { id: foreign, to: 'basic', reason: 'Not ours to change' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getTypeOverview(await admin(), { id: foreign })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('upgrade requests follow the tenant policy', () => {
  it('automatic: the user moves up at once', async () => {
    await setPolicy({ basicToAdvanced: 'automatic' });
    const outcome = await requestUpgrade(await ben(), { to: 'advanced' });
    expect(outcome).toMatchObject({ status: 'approved', type: 'advanced' });
    expect(await typeOf('basic@northwind.example')).toBe('advanced');
    const [h] = await owner()`select source from user_type_history where user_id = ${await userId('northwind', 'basic@northwind.example')} and to_type = 'advanced'`;
    expect(h!.source).toBe('upgrade');
  });

  it('admin approval: pending in the queue until an admin decides; one pending request at a time', async () => {
    await setPolicy({ basicToAdvanced: 'admin_approval' });
    const outcome = await requestUpgrade(await ben(), { to: 'advanced' });
    expect(outcome).toMatchObject({ status: 'pending', policy: 'admin_approval' });
    await expect(requestUpgrade(await ben(), { to: 'advanced' })).rejects.toMatchObject({ code: 'CONFLICT' });
    const reviewer = await contextFor('northwind', 'reviewer@northwind.example');
    const pending = await listUpgradeRequests(reviewer);
    expect(pending.map((p) => p.id)).toContain(outcome.requestId);
    await decideUpgradeRequest(reviewer, { id: outcome.requestId!, decision: 'approve' });
    expect(await typeOf('basic@northwind.example')).toBe('advanced');
    await expect(decideUpgradeRequest(reviewer, { id: outcome.requestId!, decision: 'reject' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('advanced KYC: the request waits for a proof of address, whose approval moves the user', async () => {
    const outcome = await requestUpgrade(await ben(), { to: 'advanced' });
    expect(outcome).toMatchObject({ status: 'pending', policy: 'advanced_kyc', nextAction: 'Next: send a proof of address.' });
    const sent = await saveMyKyc(await ben(), { kind: 'address', address: '3 New Street', country: 'us', submit: true }, [await checkUpload('proof', 'bill.pdf', samplePdf('bill', ['x']))]);
    expect(sent.current).toMatchObject({ kind: 'address', status: 'submitted' });
    const [req] = await owner()`select submission_id from upgrade_requests where id = ${outcome.requestId}`;
    expect(req!.submission_id).toBe(sent.current!.id);
    await decideKycSubmission(await contextFor('northwind', 'reviewer@northwind.example'), { id: sent.current!.id, decision: 'approve' });
    expect(await typeOf('basic@northwind.example')).toBe('advanced');
    const [done] = await owner()`select status from upgrade_requests where id = ${outcome.requestId}`;
    expect(done!.status).toBe('approved');
  });

  it('refuses an upgrade the policy does not allow, and KYC the type does not lead to', async () => {
    const guest = await contextFor('northwind', 'guest@northwind.example');
    await expect(requestUpgrade(guest, { to: 'advanced' })).rejects.toMatchObject({ code: 'CONFLICT', message: /Verify your identity first/ });
    await expect(requestUpgrade(await ben(), { to: 'company' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(requestUpgrade(await contextFor('northwind', 'company@northwind.example'), { to: 'company' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(saveMyKyc(guest, { kind: 'business', companyName: 'X' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(saveMyKyc(await ben(), { kind: 'identity', legalName: 'Ben' })).rejects.toMatchObject({ code: 'CONFLICT', message: /already verified/ });
    await setPolicy({ basicToAdvanced: 'admin_approval' });
    await expect(saveMyKyc(await ben(), { kind: 'address', address: 'x' })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await owner()`select 1 from upgrade_requests where user_id = ${await userId('northwind', 'basic@northwind.example')}`).toHaveLength(0);
    expect(await owner()`select 1 from kyc_submissions where user_id = ${await userId('northwind', 'guest@northwind.example')}`).toHaveLength(0);
  });
});
