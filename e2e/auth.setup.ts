import { test as setup } from '@playwright/test';
import { demoRoles, statePath, type DemoRole } from './fixtures/roles';
import { SignInPage } from './pages/sign-in-page';

// Each demo role signs in once through the real form; journeys reuse the stored cookies. Tests
// that end or revoke sessions sign in on their own instead (fixtures/auth.ts, apiAs).
for (const role of Object.keys(demoRoles) as DemoRole[]) {
  setup(`sign in as ${role}`, async ({ page }) => {
    const [tenant, email] = demoRoles[role];
    await new SignInPage(page).goto();
    await new SignInPage(page).signIn(tenant, email);
    // Staff land on their tenant's overview, end users on My account.
    await page.waitForURL(/\/t\/[a-z0-9-]+(\/account)?$/);
    await page.context().storageState({ path: statePath(role) });
  });
}
