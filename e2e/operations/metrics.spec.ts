import { expect, test } from '@playwright/test';
import { E2E_METRICS_TOKEN } from '../fixtures/env';

test('metrics are Prometheus text behind the metrics token: requests by route and status, refusals, pool, queues, sealing lag', async ({ request, playwright, baseURL }) => {
  expect((await request.get('/api/metrics')).status()).toBe(401);
  expect((await request.get('/api/metrics', { headers: { Authorization: 'Bearer wrong-token-wrong-token-wrong' } })).status()).toBe(401);
  // Traffic to count: an unauthenticated API call (401) and a signed-in one (200).
  expect((await request.get('/api/v1/me')).status()).toBe(401);
  const api = await playwright.request.newContext({ baseURL });
  const { csrfToken } = await (await api.get('/api/auth/csrf')).json();
  await api.post('/api/auth/callback/tenant-credentials', { form: { csrfToken, tenant: 'northwind', email: 'admin@northwind.example', password: 'demo-pass-2026' } });
  expect((await api.get('/api/v1/users/00000000-0000-4000-8000-000000000000')).status()).toBe(404);
  // Whatever a caller puts where an id goes, the label is the route's pattern.
  for (const odd of ["x'--", 'a%20b', '%E2%9C%93', 'attacker-chosen-label']) expect((await api.get(`/api/v1/users/${odd}`)).status()).toBe(422);
  await api.dispose();

  await expect
    .poll(async () => (await (await request.get('/api/metrics', { headers: { Authorization: `Bearer ${E2E_METRICS_TOKEN}` } })).text()).includes('portal_audit_sealing_lag_seconds '))
    .toBe(true);
  const res = await request.get('/api/metrics', { headers: { Authorization: `Bearer ${E2E_METRICS_TOKEN}` } });
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toMatch(/^text\/plain/);
  const text = await res.text();
  expect(text).toMatch(/portal_http_requests_total\{route="\/api\/v1\/me",method="GET",status="401",via="none"\} \d+/);
  expect(text).toMatch(/portal_http_requests_total\{route="\/api\/v1\/users\/\[id\]",method="GET",status="404",via="home"\} \d+/);
  expect(text).toMatch(/portal_http_request_duration_seconds_bucket\{le="0\.1",route="\/api\/v1\/users\/\[id\]",method="GET",via="home"\} \d+/);
  expect(text).toMatch(/portal_db_pool_max \d+/);
  expect(text).toMatch(/portal_jobs\{queue="audit-seal",state="\w+"\} \d+/);
  expect(text).not.toMatch(/attacker-chosen-label|x'--|a%20b|a b|✓/);
  // No tenant id or user id is a label: the cardinality stays bounded and nothing identifies anyone.
  expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
});
