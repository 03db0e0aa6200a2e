import { apiAs, expect, test } from '../fixtures/auth';

test('revoking a session over the API: cross-site Origin refused, foreign ids not found, own id revoked', async ({ browser, baseURL }) => {
  const admin = await apiAs(browser, 'northwind', 'admin@northwind.example');
  const victim = await apiAs(browser, 'northwind', 'admin@northwind.example');
  const sessions = (await (await admin.get('/api/v1/sessions')).json()).items as { id: string; current: boolean; active: boolean }[];
  const target = sessions.find((s) => !s.current && s.active)!;

  const crossSite = await admin.delete(`/api/v1/sessions/${target.id}`, { headers: { Origin: 'https://evil.example' } });
  expect(crossSite.status()).toBe(403);
  expect((await crossSite.json()).error.code).toBe('FORBIDDEN');
  expect((await victim.get('/api/v1/me')).status()).toBe(200);

  const outsider = await apiAs(browser, 'globex', 'admin@globex.example');
  const foreign = await outsider.delete(`/api/v1/sessions/${target.id}`, { headers: { Origin: baseURL! } });
  expect(foreign.status()).toBe(404);
  expect((await victim.get('/api/v1/me')).status()).toBe(200);

  const own = await admin.delete(`/api/v1/sessions/${target.id}`, { headers: { Origin: baseURL! } });
  expect(own.status()).toBe(204);
  const after = await victim.get('/api/v1/me');
  expect(after.status()).toBe(401);
});
