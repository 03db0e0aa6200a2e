import { expect, test } from '@playwright/test';
import { pageAs } from './fixtures/auth';
import { e2eOwner } from './fixtures/db';
import { ConfirmDialog } from './pages/confirm-dialog';
import { SignInPage } from './pages/sign-in-page';
import { guideShot } from './fixtures/guide-shot';

// A ticket's life between an end user and staff: Ben opens it from My account, Northwind's admin
// takes it, writes an internal note and a public reply; Ben sees the reply and never the note,
// and his answer reopens the ticket the admin had set to pending. Alice, acting through Acme's
// link, assigns herself and is named with her partner.
const owner = e2eOwner();
test.afterAll(() => owner.end());

test('Ben opens a ticket, staff reply and note, Ben sees only the reply and his answer reopens it', async ({ page, browser }) => {
  const subject = `No dial tone ${Date.now()}`;
  const secret = `Internal: check the splitter ${Date.now()}`;
  const signIn = new SignInPage(page);
  await signIn.goto('northwind');
  await signIn.signInAndLand('northwind', 'basic@northwind.example');
  await page.goto('/t/northwind/account');
  await page.getByRole('link', { name: 'Support tickets' }).click();
  const form = page.getByRole('form', { name: 'New ticket' });
  await form.getByLabel('Subject').fill(subject);
  await form.getByLabel('What happened?').fill('The phone line is silent since this morning.');
  await guideShot(page, 'open-ticket');
  await form.getByRole('button', { name: 'Open ticket' }).click();
  await expect(page.getByRole('heading', { level: 1, name: subject })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Open');
  const ticketUrl = page.url();

  const staff = await pageAs(browser, 'northwindAdmin');
  await staff.goto('/t/northwind/tickets');
  await staff.getByRole('searchbox', { name: 'Search subject or number' }).fill(subject);
  await staff.waitForURL((url) => url.searchParams.get('q') === subject);
  await staff.getByRole('row', { name: new RegExp(subject) }).getByRole('link', { name: /^TKT-/ }).click();
  await expect(staff.getByRole('heading', { level: 1, name: new RegExp(subject) })).toBeVisible();
  await staff.getByRole('button', { name: 'Assign to me' }).click();
  await expect(staff.getByText('Tenant Admin', { exact: true })).toBeVisible();
  const reply = staff.getByRole('form', { name: 'Reply' });
  await reply.getByLabel(/Internal note \(staff only/).check();
  await reply.getByLabel('Internal note', { exact: true }).fill(secret);
  await reply.getByRole('button', { name: 'Add note' }).click();
  await expect(staff.getByTestId('ticket-comment').filter({ hasText: secret })).toHaveAttribute('data-internal', 'true');
  await reply.getByLabel(/Internal note \(staff only/).uncheck();
  await reply.getByLabel(/^Reply to /).fill('We reset your port; please try again.');
  await reply.getByRole('button', { name: 'Send reply' }).click();
  await expect(staff.getByTestId('ticket-comment')).toHaveCount(2);
  await staff.getByRole('combobox', { name: /^Status of TKT-/ }).selectOption('pending');
  await expect(staff.getByRole('heading', { level: 1 })).toContainText('Pending');

  // Ben: the reply is there, the note is not, on the page or in the mail he got.
  await page.goto(ticketUrl);
  await expect(page.getByText('We reset your port; please try again.')).toBeVisible();
  await expect(page.getByText(secret)).toHaveCount(0);
  expect(await page.content()).not.toContain(secret);
  const mails = await owner`select body from mail_outbox where to_address = 'basic@northwind.example' and body like ${'%We reset your port%'} and body like ${`%${subject}%`}`;
  expect(mails.length).toBe(1);
  expect(mails.every((m) => !(m.body as string).includes(secret))).toBe(true);
  await page.getByLabel('Your reply').fill('Works now, thank you.');
  await page.getByRole('button', { name: 'Send reply' }).click();
  await expect(page.getByText('Works now, thank you.')).toBeVisible();
  // His answer reopened it (what his page says once the reply is saved; the text above may show first).
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Open');
  await staff.reload();
  await expect(staff.getByRole('heading', { level: 1 })).toContainText('Open');
  await staff.context().close();
});

test('alice assigns a Northwind ticket to herself through the link, named with her partner', async ({ browser }) => {
  const [t] = await owner`insert into tickets (tenant_id, number, subject, description, requester_id)
    select t.id, ${`TKT-1999-${Math.random().toString().slice(2, 8)}`}, 'Link assignment', 'x', (select id from users where tenant_id = t.id and email = 'admin@northwind.example')
    from tenants t where t.slug = 'northwind' returning id`;
  const alice = await pageAs(browser, 'alice');
  await alice.goto(`/t/northwind/tickets/${t!.id}`);
  await alice.getByRole('button', { name: 'Assign to me' }).click();
  await new ConfirmDialog(alice, /^Assign TKT-1999-\d+ in Northwind Fiber to yourself\?$/).confirm('Assign to me');
  await expect(alice.getByText(/ via Acme Managed Services$/)).toBeVisible();
  const [row] = await owner`select assignee_label, status from tickets where id = ${t!.id}`;
  expect(row!.assignee_label).toMatch(/ via Acme Managed Services$/);
  await alice.context().close();
});

test("the ticket list and board render the same in a browser whose clock is off the server's, and a search typed at once is kept", async ({ browser }) => {
  // A ticket opened now: its first response counts down on both pages.
  const subject = `Clock skew ${Date.now()}`;
  const [t] = await owner`insert into tickets (tenant_id, number, subject, description, requester_id)
    select t.id, ${`TKT-1999-${Math.random().toString().slice(2, 8)}`}, ${subject}, 'x', (select id from users where tenant_id = t.id and email = 'admin@northwind.example')
    from tenants t where t.slug = 'northwind' returning id`;
  try {
    for (const [role, path] of [['northwindAdmin', '/t/northwind/tickets'], ['alice', '/t/all/tickets']] as const) {
      const page = await pageAs(browser, role);
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(`${e.name}: ${e.message.slice(0, 200)}`));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text().slice(0, 200));
      });
      // This browser's clock is five minutes ahead of the server's: the countdowns it would work
      // out for itself differ from the page the server sent. The page must hydrate on the
      // server's numbers (a mismatch is React error #418, and the list is rebuilt in the browser,
      // dropping what was typed), then count from its own clock.
      await page.clock.setFixedTime(Date.now() + 5 * 60_000);
      await page.goto(path);
      await page.getByRole('searchbox', { name: 'Search subject or number' }).fill(subject);
      await page.waitForURL((url) => url.searchParams.get('q') === subject);
      await expect(page.getByText(subject).first()).toBeVisible();
      expect(errors, `${role} on ${path}`).toEqual([]);
      await page.context().close();
    }
  } finally {
    await owner`delete from tickets where id = ${t!.id}`;
  }
});
