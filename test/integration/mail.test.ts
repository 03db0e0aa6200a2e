import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { startSmtpServer } from '../support/smtp';
import { meta, owner, tenantId } from '../support/world';

// A real SMTP server in this process; the sender delivers to it as it would to any. Set before
// the first env() read, with a short silence limit for the server that hangs.
const smtp = await startSmtpServer();
process.env.SMTP_URL = smtp.url;
process.env.SMTP_TIMEOUT_SECONDS = '2';
process.env.NEXTAUTH_URL = 'https://portal.example.test';

const { unsafeSendMail } = await import('@/lib/data/internal/mail-send');
const { unsafeSignUp } = await import('@/lib/data/internal/signup');
const { closeMailTransport } = await import('@/lib/mail/transport');
const { inTenantScope } = await import('@/lib/data/tx');
const { queueMail } = await import('@/lib/data/internal/notify');

afterAll(async () => {
  closeMailTransport();
  await smtp.close();
});

beforeEach(async () => {
  smtp.mode = 'accept';
  smtp.received.length = 0;
  // The demo world's own mail is not what these tests look at.
  await owner()`update mail_outbox set status = 'sent', sent_at = now()`;
});

const outbox = async (to: string) => (await owner()`select status, attempts, last_error, sent_at, next_attempt_at - now() as wait from mail_outbox where to_address = ${to}`)[0]!;
const signup = (email: string) => unsafeSignUp({ tenant: 'northwind', name: 'Nia New', email, password: 'a-long-and-unusual-passphrase', acceptTerms: true }, meta);

describe('mail delivery', () => {
  it("delivers a sign-up's confirmation with the tenant's name, a text and an HTML part and an absolute link", async () => {
    await signup('nia@example.net');
    const run = await unsafeSendMail();
    expect(run).toMatchObject({ sent: 1, failed: 0, retrying: 0 });
    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail!.to).toMatchObject({ value: [{ address: 'nia@example.net' }] });
    expect(mail!.from!.value[0]).toEqual({ name: 'Northwind Fiber', address: 'no-reply@partner-portal.localhost' });
    expect(mail!.subject).toMatch(/^Northwind Fiber: /);
    const link = /https:\/\/portal\.example\.test\/t\/northwind\/verify-email\?token=[\w-]+/;
    expect(mail!.text).toMatch(link);
    expect(mail!.html).toMatch(new RegExp(`<a href="${link.source}">`));
    expect(mail!.html).toContain('Northwind Fiber');
    // Nothing else: no password, no other secret.
    expect(`${mail!.text}${mail!.html}`).not.toContain('a-long-and-unusual-passphrase');
    expect(await outbox('nia@example.net')).toMatchObject({ status: 'sent', attempts: 1, last_error: null });

    // Sent once: a second pass has nothing to do.
    expect(await unsafeSendMail()).toMatchObject({ sent: 0, tenants: 0 });
    expect(smtp.received).toHaveLength(1);
  });

  it('keeps a mail the server defers (451) and sends it on a later attempt; one it refuses (550) fails with its answer', async () => {
    await signup('later@example.net');
    smtp.mode = 'tempfail';
    expect(await unsafeSendMail()).toMatchObject({ sent: 0, retrying: 1 });
    const deferred = await outbox('later@example.net');
    expect(deferred).toMatchObject({ status: 'queued', attempts: 1, sent_at: null });
    expect(deferred.last_error).toMatch(/451.*Mailbox busy/);
    // Not before its retry time (a minute after the first failure).
    expect(await unsafeSendMail()).toMatchObject({ tenants: 0 });
    await owner()`update mail_outbox set next_attempt_at = now() where to_address = 'later@example.net'`;
    smtp.mode = 'accept';
    expect(await unsafeSendMail()).toMatchObject({ sent: 1 });
    expect(await outbox('later@example.net')).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
    expect(smtp.received.map((m) => m.to)).toMatchObject([{ value: [{ address: 'later@example.net' }] }]);

    await signup('nobody@example.net');
    smtp.mode = 'reject';
    expect(await unsafeSendMail()).toMatchObject({ failed: 1 });
    const refused = await outbox('nobody@example.net');
    expect(refused).toMatchObject({ status: 'failed', attempts: 1 });
    expect(refused.last_error).toMatch(/550.*No such user/);
  });

  it('records a server that says nothing as a failed attempt, to be tried again, and gives up after the last', async () => {
    await signup('silent@example.net');
    smtp.mode = 'hang';
    expect(await unsafeSendMail()).toMatchObject({ retrying: 1 });
    const first = await outbox('silent@example.net');
    expect(first).toMatchObject({ status: 'queued', attempts: 1 });
    expect(first.last_error).toMatch(/timeout/i);
    closeMailTransport();
    // On its last attempt a deferral is final.
    smtp.mode = 'tempfail';
    await owner()`update mail_outbox set attempts = 6, next_attempt_at = now() where to_address = 'silent@example.net'`;
    expect(await unsafeSendMail()).toMatchObject({ failed: 1 });
    expect(await outbox('silent@example.net')).toMatchObject({ status: 'failed', attempts: 7 });
  }, 20_000);

  it("takes each tenant's mail in its own tenant, and none of a rolled-back change", async () => {
    const contoso = await tenantId('contoso');
    await inTenantScope({ tenantId: contoso }, (tx) => queueMail(tx, { tenantId: contoso, to: 'c@example.net', subject: 'Contoso Broadband: hello', body: 'See /t/contoso/account' }));
    await expect(
      inTenantScope({ tenantId: contoso }, async (tx) => {
        await queueMail(tx, { tenantId: contoso, to: 'never@example.net', subject: 'never', body: 'never' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    await signup('n@example.net');
    expect(await unsafeSendMail()).toMatchObject({ sent: 2, tenants: 2 });
    const byAddress = Object.fromEntries(smtp.received.map((m) => [m.to && !Array.isArray(m.to) ? m.to.value[0]!.address : '', m.from!.value[0]!.name]));
    expect(byAddress).toEqual({ 'c@example.net': 'Contoso Broadband', 'n@example.net': 'Northwind Fiber' });
    expect(smtp.received.find((m) => m.subject === 'Contoso Broadband: hello')!.text).toContain('https://portal.example.test/t/contoso/account');
    expect(await owner()`select 1 from mail_outbox where to_address = 'never@example.net'`).toHaveLength(0);
  });
});
