import { randomBytes } from 'node:crypto';
import { generate } from 'otplib';
import { expect, signedInPage, test } from './fixtures/auth';
import { e2eOwner } from './fixtures/db';
import { SignInPage } from './pages/sign-in-page';
import { guideShot } from './fixtures/guide-shot';

// Two-factor authentication as a staff member meets it: set up on My account with an
// authenticator app (the test computes the app's codes from the key it shows), then every
// sign-in asks for a code; a recovery code works once.
const owner = e2eOwner();
test.afterAll(async () => {
  await owner.end();
});

/** A staff member of their own (made long ago, so the demo's lists stay as they are), with the demo password. */
async function plantStaff(): Promise<string> {
  const email = `mfa-${randomBytes(4).toString('hex')}@acme-msp.example`;
  const [user] = await owner`insert into users (tenant_id, email, name, type, password_hash, email_verified_at, created_at)
    select tenant_id, ${email}, 'Morgan Factor', 'admin', password_hash, now(), now() - interval '5 years' from users where email = 'admin@acme-msp.example' returning id, tenant_id`;
  await owner`insert into user_roles (tenant_id, user_id, role_id) select tenant_id, ${user!.id}, id from roles where tenant_id = ${user!.tenant_id} and key = 'admin' and built_in`;
  return email;
}

const inSteps = (secret: string, steps: number) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 * steps });

test('a staff member sets up two-factor authentication, then signs in with a code from the app and once with a recovery code', async ({ browser }) => {
  const email = await plantStaff();
  const page = await signedInPage(browser, 'acme-msp', email);
  await page.goto('/t/acme-msp/account');
  const card = page.getByRole('region', { name: 'Two-factor authentication' });
  await expect(card.getByText('Off', { exact: true })).toBeVisible();
  await card.getByRole('button', { name: 'Set up two-factor authentication' }).click();
  await expect(card.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible();
  await guideShot(page, 'two-factor', card);
  const secret = (await card.getByLabel('Setup key').innerText()).replace(/\s/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);

  await card.getByLabel('Code from the app').fill('000000');
  await card.getByRole('button', { name: 'Turn on' }).click();
  await expect(card.getByText('That code is not right.')).toBeVisible();
  await card.getByLabel('Code from the app').fill(await generate({ secret }));
  await card.getByRole('button', { name: 'Turn on' }).click();
  const listed = card.getByRole('list', { name: 'Your recovery codes' }).getByRole('listitem');
  await expect(listed).toHaveCount(10);
  const codes = await listed.allInnerTexts();
  await card.getByRole('button', { name: 'I have saved them' }).click();
  await expect(card.getByText(/^On since \d{4}-\d{2}-\d{2}\..* 10 of 10 recovery codes left\.$/)).toBeVisible();

  // A new sign-in: the password, then the code. A wrong code is refused with the reason.
  const next = await (await browser.newContext()).newPage();
  const signIn = new SignInPage(next);
  await signIn.goto();
  await signIn.signIn('acme-msp', email);
  const code = next.getByLabel('Authentication code');
  await expect(code).toBeFocused();
  await code.fill('000000');
  await next.getByRole('button', { name: 'Verify and sign in' }).click();
  await expect(next.locator('form [role="alert"]')).toContainText('That code did not work.');
  await code.fill(await inSteps(secret, 1));
  await next.getByRole('button', { name: 'Verify and sign in' }).click();
  await next.waitForURL(/\/t\/acme-msp$/);

  // Without the phone: a recovery code, once.
  const lost = await (await browser.newContext()).newPage();
  const again = new SignInPage(lost);
  await again.goto();
  await again.signIn('acme-msp', email);
  await lost.getByLabel('Authentication code').fill(codes[0]!);
  await lost.getByRole('button', { name: 'Verify and sign in' }).click();
  await lost.waitForURL(/\/t\/acme-msp$/);
  await lost.goto('/t/acme-msp/account');
  await expect(lost.getByRole('region', { name: 'Two-factor authentication' }).getByText(/9 of 10 recovery codes left/)).toBeVisible();
});
