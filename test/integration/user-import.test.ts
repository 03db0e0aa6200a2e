import { describe, expect, it } from 'vitest';
import { importUsers } from '@/lib/data/user-import';
import { getUserOrThrow, sendPasswordLink } from '@/lib/data/users';
import { unsafeConsumePasswordToken } from '@/lib/data/internal/password-tokens';
import { ALICE, SAM, contextFor, meta, owner, tenantId } from '../support/world';

const FILE = [
  'Email,Name,Type',
  'ada@import.example,Ada Lovelace,basic',
  'grace@import.example,"Hopper, Grace",',
  'not-an-address,Broken Row,guest',
  'basic@northwind.example,Already Here,basic',
  'ADA@import.example,Ada Again,guest',
  'linus@import.example,,company',
  'ken@import.example,Ken Thompson,wizard',
  'dennis@import.example,Dennis Ritchie,company',
].join('\r\n');

const usersOf = async (slug: string, pattern = '%@import.example') =>
  (await owner()`select email, name, type from users where tenant_id = ${await tenantId(slug)} and email ilike ${pattern} order by email`) as unknown as {
    email: string;
    name: string;
    type: string;
  }[];

describe('importing users from CSV', () => {
  it('a dry run reports every row and changes nothing; the real run then does exactly what it said', async () => {
    const ctx = await contextFor('northwind', 'admin@northwind.example');
    const mailsBefore = (
      await owner()`select count(*)::int as n from mail_outbox where subject like '%account is ready'`
    )[0]!.n as number;

    const dry = await importUsers(ctx, { csv: FILE, dryRun: true });
    expect(dry.dryRun).toBe(true);
    expect(dry.rows.map((r) => [r.line, r.outcome])).toEqual([
      [2, 'would_create'],
      [3, 'would_create'],
      [4, 'invalid'],
      [5, 'exists'],
      [6, 'invalid'],
      [7, 'invalid'],
      [8, 'invalid'],
      [9, 'would_create'],
    ]);
    expect(dry.rows[2]!.errors.email).toEqual(['Enter a valid email.']);
    expect(dry.rows[4]!.errors.email).toEqual(['The same address is on line 2.']);
    expect(Object.keys(dry.rows[5]!.errors)).toEqual(['name']);
    expect(dry.rows[6]!.errors.type![0]).toMatch(/guest, basic, advanced, company/);
    expect(dry.counts).toEqual({ created: 0, would_create: 3, exists: 1, invalid: 4 });
    expect(await usersOf('northwind')).toEqual([]);
    expect(
      (
        await owner()`select count(*)::int as n from mail_outbox where subject like '%account is ready'`
      )[0]!.n,
    ).toBe(mailsBefore);

    const real = await importUsers(ctx, { csv: FILE, dryRun: false });
    expect(real.rows.map((r) => r.outcome)).toEqual(
      dry.rows.map((r) => (r.outcome === 'would_create' ? 'created' : r.outcome)),
    );
    expect(real.counts).toEqual({ created: 3, would_create: 0, exists: 1, invalid: 4 });
    expect(await usersOf('northwind')).toEqual([
      { email: 'ada@import.example', name: 'Ada Lovelace', type: 'basic' },
      { email: 'dennis@import.example', name: 'Dennis Ritchie', type: 'company' },
      { email: 'grace@import.example', name: 'Hopper, Grace', type: 'guest' },
    ]);
    // The existing account is untouched.
    expect((await usersOf('northwind', 'basic@northwind.example'))[0]!.name).not.toBe(
      'Already Here',
    );
    // Each new user holds their type's role, and is audited by name.
    const roles = await owner()`
      select u.email, r.key from users u join user_roles ur on ur.tenant_id = u.tenant_id and ur.user_id = u.id
      join roles r on r.tenant_id = ur.tenant_id and r.id = ur.role_id where u.email like '%@import.example' order by u.email`;
    expect(roles.map((r) => `${r.email}:${r.key}`)).toEqual([
      'ada@import.example:basic',
      'dennis@import.example:company',
      'grace@import.example:guest',
    ]);
    const audit =
      await owner()`select action, details from audit_events where tenant_id = ${await tenantId('northwind')} and action in ('user.imported', 'users.import', 'users.import_checked') order by seq`;
    expect(audit.map((a) => a.action)).toEqual([
      'users.import_checked',
      'user.imported',
      'user.imported',
      'user.imported',
      'users.import',
    ]);
  });

  it('mails each new user a set-password link that works once', async () => {
    const ctx = await contextFor('northwind', 'admin@northwind.example');
    await importUsers(ctx, { csv: 'email,name\nnew@import.example,New Person', dryRun: false });
    const [mail] =
      await owner()`select body from mail_outbox where to_address = 'new@import.example'`;
    const token = /token=([\w-]+)/.exec(mail!.body as string)![1]!;
    const password = { tenantSlug: 'northwind', token, password: 'a long new password 2026' };
    expect(await unsafeConsumePasswordToken(password, meta)).toBe(true);
    expect(await unsafeConsumePasswordToken(password, meta)).toBe(false);
  });

  it('imports into a managed tenant through a link, audited as the partner', async () => {
    const ctx = await contextFor(...ALICE, 'northwind');
    const report = await importUsers(ctx, {
      csv: 'email,name\nlinked@import.example,Via Link',
      dryRun: false,
    });
    expect(report.counts.created).toBe(1);
    const [event] =
      await owner()`select via, actor_tenant_id from audit_events where action = 'user.imported' and details->>'email' = 'linked@import.example'`;
    expect(event).toEqual({ via: 'link', actor_tenant_id: await tenantId('acme-msp') });
    expect(await usersOf('acme-msp')).toEqual([]);
  });

  it('refuses a file it cannot read as a whole, and anyone without users.write', async () => {
    const ctx = await contextFor('northwind', 'admin@northwind.example');
    await expect(
      importUsers(ctx, { csv: 'mail,fullname\na@b.c,X', dryRun: true }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
      message: expect.stringMatching(/missing email, name; unknown mail, fullname/),
    });
    await expect(
      importUsers(ctx, { csv: 'email,name\n"a@b.c,X', dryRun: true }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
      message: expect.stringMatching(/not valid CSV/),
    });
    await expect(importUsers(ctx, { csv: 'email,name\n', dryRun: true })).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
    });
    const tooMany = [
      'email,name',
      ...Array.from({ length: 1001 }, (_, i) => `u${i}@import.example,U ${i}`),
    ].join('\n');
    await expect(importUsers(ctx, { csv: tooMany, dryRun: false })).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
      message: expect.stringMatching(/at most 1000 rows/),
    });
    await expect(
      importUsers(await contextFor('northwind', 'basic@northwind.example'), {
        csv: FILE,
        dryRun: true,
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      importUsers(await contextFor(...SAM, 'northwind'), { csv: FILE, dryRun: true }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await usersOf('northwind')).toEqual([]);
  });

  it('imports staff as admins without any role: nothing is granted until someone who may grants it', async () => {
    const ctx = await contextFor('northwind', 'admin@northwind.example');
    const report = await importUsers(ctx, { csv: 'email,name,type\nstaff@import.example,New Staff,admin', dryRun: false });
    const user = await getUserOrThrow(ctx, { id: report.rows[0]!.userId! });
    expect([user.type, user.roles, user.passwordSet]).toEqual(['admin', [], false]);
  });
});

describe('sending a password link from the user page', () => {
  it('mails a new link to the user alone; the earlier one stops working', async () => {
    const ctx = await contextFor('northwind', 'admin@northwind.example');
    const report = await importUsers(ctx, { csv: 'email,name\nlate@import.example,Late Comer', dryRun: false });
    const id = report.rows[0]!.userId!;
    const tokens = async () =>
      ((await owner()`select body from mail_outbox where to_address = 'late@import.example' order by created_at, id`) as unknown as { body: string }[]).map(
        (m) => /token=([\w-]+)/.exec(m.body)![1]!,
      );
    expect(await sendPasswordLink(ctx, { id })).toEqual({ sentTo: 'late@import.example' });
    const [first, second] = await tokens();
    expect(await unsafeConsumePasswordToken({ tenantSlug: 'northwind', token: first!, password: 'a long new password 2026' }, meta)).toBe(false);
    expect(await unsafeConsumePasswordToken({ tenantSlug: 'northwind', token: second!, password: 'a long new password 2026' }, meta)).toBe(true);
    expect((await getUserOrThrow(ctx, { id })).passwordSet).toBe(true);
    const [event] = await owner()`select actor_label from audit_events where action = 'user.password_link_sent' and resource_id = ${id}`;
    expect(event!.actor_label).toBe('admin@northwind.example');
  });

  it("answers 404 for another tenant's user and 403 without users.write", async () => {
    const [ben] = await owner()`select id from users where email = 'basic@northwind.example'`;
    await expect(sendPasswordLink(await contextFor('globex', 'admin@globex.example'), { id: ben!.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(sendPasswordLink(await contextFor('northwind', 'basic@northwind.example'), { id: ben!.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await owner()`select count(*)::int as n from mail_outbox where to_address = 'basic@northwind.example' and subject like '%choose your password'`)[0]!.n).toBe(0);
  });
});
