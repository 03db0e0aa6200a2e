import { existsSync, readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { E2E_LOG_FILE } from '../fixtures/env';
import { DEMO_PASSWORD } from '../pages/sign-in-page';

const SIGNUP_PASSWORD = 'log-scan-passphrase-2026';

/**
 * The server's and the worker's output for the whole run so far (every journey before this one,
 * and the traffic this one makes itself): one JSON line per request with its ids, and no
 * password, session cookie or document anywhere in it.
 */
test('logs are one JSON line per request with its ids, and never carry a password, a session cookie or a document', async ({ playwright, baseURL }) => {
  const api = await playwright.request.newContext({ baseURL });
  // Traffic of its own, so the test stands alone: a sign-in with the demo password, calls with
  // the session cookie, a sign-up with a password, and an upload.
  const { csrfToken } = await (await api.get('/api/auth/csrf')).json();
  await api.post('/api/auth/callback/tenant-credentials', { form: { csrfToken, tenant: 'northwind', email: 'guest@northwind.example', password: DEMO_PASSWORD } });
  const session = (await api.storageState()).cookies.find((c) => c.name.includes('session-token'))!;
  expect(session, 'signed in').toBeDefined();
  const me = await api.get('/api/v1/me');
  expect(me.status()).toBe(200);
  const requestId = me.headers()['x-request-id']!;
  await api.post('/api/v1/signup', { data: { tenant: 'northwind', name: 'Log Scan', email: `log-scan-${Date.now()}@example.net`, password: SIGNUP_PASSWORD, acceptTerms: true } });
  const upload = await api.post('/api/v1/me/kyc', { multipart: { front: { name: 'doc.pdf', mimeType: 'application/pdf', buffer: readFileSync('samples/kyc/proof-of-address.pdf') } } });
  expect(upload.status()).toBe(200);

  await expect.poll(() => existsSync(E2E_LOG_FILE) && readFileSync(E2E_LOG_FILE, 'utf8').includes(requestId)).toBe(true);
  const text = readFileSync(E2E_LOG_FILE, 'utf8');
  const lines = text.split('\n').filter((l) => l.startsWith('{'));
  const request = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.message === 'request' && l.requestId === requestId);
  expect(request).toMatchObject({ level: 'info', method: 'GET', route: '/api/v1/me', status: 200, tenantId: expect.any(String), userId: expect.any(String), via: 'home' });

  for (const secret of [DEMO_PASSWORD, SIGNUP_PASSWORD, session.value, 'session-token=', '%PDF-', 'SAMPLE utility bill']) {
    expect(text.includes(secret), `the logs contain ${secret.slice(0, 12)}…`).toBe(false);
  }
  await api.dispose();
});
