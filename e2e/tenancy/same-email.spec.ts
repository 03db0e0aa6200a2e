import { expect, test } from '../fixtures/auth';

test('pat@example.com signing in to globex sees globex only', async ({ page, signIn }) => {
  await signIn.goto();
  await signIn.signIn('globex', 'pat@example.com');
  // An end user lands on My account.
  await expect(page).toHaveURL(/\/t\/globex\/account$/);
  await expect(page.getByTestId('active-tenant')).toHaveText('Globex Networks');
  await expect(page.getByRole('button', { name: 'Switch tenant' })).toHaveCount(0);

  const me = await (await page.request.get('/api/v1/me')).json();
  expect(me).toMatchObject({ user: { name: 'Pat Globex', type: 'advanced' }, activeTenant: { slug: 'globex' }, reachableTenants: [] });

  await page.goto('/t/northwind/users');
  await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
  await expect(page.getByText('Pat Northwind')).toHaveCount(0);

  const users = await page.request.get('/api/v1/users');
  expect(users.status()).toBe(403);
  expect((await users.json()).error.code).toBe('FORBIDDEN');
});
