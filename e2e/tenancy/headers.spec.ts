import { expect, pageAs, signedInPage, test } from '../fixtures/auth';

test('pages, API answers and downloads refuse framing and sniffing, and API answers are never cached', async ({ browser, request }) => {
  const shared = { 'x-frame-options': 'DENY', 'x-content-type-options': 'nosniff', 'referrer-policy': 'strict-origin-when-cross-origin' };
  const login = await request.get('/login');
  expect(login.headers()).toMatchObject(shared);
  // A strict policy with a fresh nonce per answer, on Next's own scripts too; no eval in production.
  const csp = login.headers()['content-security-policy']!;
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'/);
  expect(csp).not.toContain('unsafe-eval');
  const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
  const html = await login.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.filter((tag) => !tag.includes(`nonce="${nonce}"`))).toEqual([]);
  const again = (await request.get('/login')).headers()['content-security-policy']!;
  expect(/'nonce-([^']+)'/.exec(again)![1]).not.toBe(nonce);
  expect((await request.get('/api/health')).headers()).toMatchObject(shared);
  // Links that carry a token in the URL (set a password, confirm an address, unlock an account)
  // are never sent on as a Referer.
  for (const page of ['set-password', 'verify-email', 'unlock']) {
    expect((await request.get(`/t/northwind/${page}?token=x`, { maxRedirects: 0 })).headers()['referrer-policy'], page).toBe('no-referrer');
  }

  const admin = await pageAs(browser, 'northwindAdmin');
  const users = await admin.request.get('/t/northwind/users');
  expect(users.headers()).toMatchObject(shared);
  for (const path of ['/api/v1/me', '/api/v1/users?limit=5', '/api/v1/users/not-a-uuid', '/api/v1/exports']) {
    const res = await admin.request.get(path);
    expect(res.headers()['cache-control'], path).toBe('private, no-store');
    expect(res.headers()['x-content-type-options'], path).toBe('nosniff');
  }
  // An edited page link with a forged cursor shows the first page, not an error.
  const forged = Buffer.from(JSON.stringify({ c: 'not-a-date', i: '00000000-0000-4000-8000-000000000000' })).toString('base64url');
  expect((await admin.request.get(`/t/northwind/users?cursor=${forged}`)).status()).toBe(200);
  expect((await admin.request.get(`/api/v1/users?cursor=${forged}`)).status()).toBe(422);
  await admin.context().close();

  // A KYC document, as its reviewer downloads it: its checked type, never sniffed or cached, and
  // sandboxed so a PDF cannot run script in the portal's origin.
  const reviewer = await signedInPage(browser, 'northwind', 'reviewer@northwind.example');
  const queue = await (await reviewer.request.get('/api/v1/kyc/submissions?state=waiting&limit=100')).json();
  const waiting = queue.items.find((i: { applicant: { email: string } }) => i.applicant.email === 'waiting@northwind.example');
  const submission = await (await reviewer.request.get(`/api/v1/kyc/submissions/${waiting.id}`)).json();
  const file = await reviewer.request.get(`/api/v1/kyc/submissions/${waiting.id}/files/${submission.files[0].id}`);
  expect(file.headers()).toMatchObject({ 'content-type': 'image/png', 'cache-control': 'private, no-store', 'x-content-type-options': 'nosniff' });
  expect(file.headers()['content-security-policy']).toContain('sandbox');
  expect(file.headers()['content-disposition']).toMatch(/^inline; filename="[\w.-]+"$/);
  await reviewer.context().close();
});

test('the unavailable page never sends the browser to another host', async ({ request }) => {
  for (const from of ['/%5Cevil.example/login', '/%09/evil.example/login', '//evil.example', 'https://evil.example/']) {
    const res = await request.get(`/unavailable?from=${from}`);
    expect(res.status()).toBe(503);
    const body = await res.text();
    expect(body, from).not.toContain('evil.example');
    expect(body).toContain('content="5;url=/"');
  }
  expect(await (await request.get('/unavailable?from=/t/northwind/users')).text()).toContain('url=/t/northwind/users');
});

test('a forged X-Forwarded-For decides nothing: the session records the real peer address', async ({ browser }) => {
  const context = await browser.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': '6.6.6.6' } });
  const page = await context.newPage();
  await page.goto('/t/globex/login');
  await page.getByLabel('Email').fill('admin@globex.example');
  await page.getByLabel('Password').fill('demo-pass-2026');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/t\/globex$/);
  const sessions = (await (await page.request.get('/api/v1/sessions')).json()).items as { current: boolean; ip: string | null }[];
  expect(sessions.find((s) => s.current)?.ip).toMatch(/^(127\.0\.0\.1|::1)$/);
  await context.close();
});
