import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, pageAs, test } from '../fixtures/auth';
import type { DemoRole } from '../fixtures/roles';

// WCAG 2.0 and 2.1, levels A and AA: the suite fails on any serious or critical violation.
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/** The headings of the error pages (app/error.tsx, app/(portal)/t/[tenant]/error.tsx). */
const ERROR_PAGE = /^(This page could not be loaded|Something went wrong)$/;

/** Records every Content-Security-Policy violation on the page's documents from now on. */
async function watchCsp(page: Page) {
  await page.addInitScript(() => {
    const seen: string[] = ((window as unknown as { __csp: string[] }).__csp = []);
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
}
async function cspViolations(page: Page, where: string): Promise<string[]> {
  const seen = await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
  return seen.map((v) => `${where}: CSP ${v}`);
}

async function violations(page: Page, where: string): Promise<string[]> {
  const { violations: found } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return found
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${where}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

/** Every page a role's navigation offers, plus the first detail page of each list that has one. */
async function pagesOf(page: Page): Promise<string[]> {
  const nav = await page.getByRole('navigation', { name: 'Workspaces' }).getByRole('link').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname));
  const details: string[] = [];
  for (const path of nav.filter((p) => /\/(users|roles|partners|tickets|alerts)$/.test(p))) {
    await page.goto(path);
    const first = page.locator(`main table a[href^="${path}/"]`).first();
    if (await first.count()) details.push(new URL((await first.getAttribute('href'))!, page.url()).pathname);
  }
  // An end user's support tickets (linked from My account), and the first of them.
  for (const path of nav.filter((p) => /\/account$/.test(p))) {
    await page.goto(path);
    if ((await page.getByRole('link', { name: 'Support tickets' }).count()) === 0) continue;
    details.push(`${path}/tickets`);
    await page.goto(`${path}/tickets`);
    const first = page.locator(`main table a[href^="${path}/tickets/"]`).first();
    if (await first.count()) details.push(new URL((await first.getAttribute('href'))!, page.url()).pathname);
  }
  return [...nav, ...details];
}

test('sign-in pages have no serious or critical accessibility violation', async ({ page }) => {
  const found: string[] = [];
  await watchCsp(page);
  for (const path of ['/login', '/t/northwind/login']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    found.push(...(await violations(page, path)), ...(await cspViolations(page, path)));
  }
  expect(found).toEqual([]);
});

// Each role at home, and alice acting in northwind through Acme's link (banner, managed tenant's pages).
const visits: [DemoRole, string | null][] = [
  ['platform', null],
  ['acmeAdmin', null],
  ['alice', null],
  ['alice', 'northwind'],
  ['alice', 'all'],
  ['northwindAdmin', null],
  ['ben', null],
];

for (const [role, tenant] of visits) {
  test(`every page ${role} can open${tenant ? ` in ${tenant}` : ''}, and its revealed states, has no serious or critical violation and no error in the browser`, async ({ browser }) => {
    // Two dozen pages and their revealed states, each with an axe scan: a minute is too short on a
    // busy 2-core machine (northwind's admin took 61 s once).
    test.setTimeout(180_000);
    const page = await pageAs(browser, role);
    // No page may throw in the browser or log an error there (a hydration mismatch, which a
    // production build reports as React error #418; a failed fetch) while it loads and is scanned.
    const browserErrors: string[] = [];
    let watching = true;
    page.on('console', (m) => {
      if (watching && m.type() === 'error') browserErrors.push(`${page.url()}: console.error ${m.text().slice(0, 300)}`);
    });
    page.on('pageerror', (e) => {
      if (watching) browserErrors.push(`${page.url()}: ${e.name}: ${e.message.slice(0, 300)}`);
    });
    // No page may break the Content-Security-Policy (a blocked script or style counts as a violation).
    await watchCsp(page);
    if (tenant) await page.goto(tenant === 'all' ? '/t/all/users' : `/t/${tenant}`);
    const found: string[] = [];
    let checked = 0;
    const paths = await pagesOf(page);
    for (const path of paths) {
      // A page that failed on the server is no page to scan (an alert's page once rendered the
      // error page here and passed): the document answers 200 and no error boundary shows.
      expect((await page.goto(path))?.status(), path).toBe(200);
      await expect(page.getByRole('heading', { level: 1, name: ERROR_PAGE }), path).toHaveCount(0);
      await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
      expect(await page.title(), path).toMatch(/ · .+ · Partner Portal$/);
      found.push(...(await violations(page, path)), ...(await cspViolations(page, path)));
      checked++;
    }
    watching = false;
    expect(browserErrors, 'errors in the browser').toEqual([]);
    // The account menu and the shortcuts dialog, on every role's last page.
    await page.getByRole('button', { name: /^Account menu/ }).click();
    found.push(...(await violations(page, `${page.url()} with the account menu open`)));
    await page.keyboard.press('Escape');
    await page.getByRole('heading', { level: 1 }).click();
    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    found.push(...(await violations(page, `${page.url()} with the shortcuts open`)));
    await page.keyboard.press('Escape');
    checked += 2;
    // A table with a selection (its bulk bar), where the role may change users.
    const usersPath = paths.find((p) => /\/users$/.test(p));
    if (usersPath) {
      await page.goto(usersPath);
      const selectAll = page.getByRole('checkbox', { name: 'Select all rows on this page' });
      if (await selectAll.count()) {
        await selectAll.check();
        await expect(page.getByRole('region', { name: 'Bulk actions' })).toBeVisible();
        found.push(...(await violations(page, `${usersPath} with rows selected`)));
        checked++;
      }
    }
    // The tenant switcher open (partner staff) and a confirmation dialog open, where the role has them.
    const switcher = page.getByRole('button', { name: 'Switch tenant' });
    if (await switcher.count()) {
      await switcher.click();
      found.push(...(await violations(page, `${page.url()} with the tenant menu open`)));
      await page.keyboard.press('Escape');
      checked++;
    }
    const revoke = page.getByRole('button', { name: 'Revoke', exact: true }).first();
    await page.goto(page.url().replace(/\/t\/([^/]+)\/.*$/, '/t/$1/links'));
    if (await revoke.count()) {
      await revoke.click();
      await expect(page.getByRole('alertdialog')).toBeVisible();
      found.push(...(await violations(page, `${page.url()} with a confirmation open`)));
      await page.getByRole('button', { name: 'Cancel' }).click();
      checked++;
    }
    console.log(`axe: ${role}${tenant ? ` in ${tenant}` : ''}: ${checked} pages and states, ${found.length} serious or critical violations`);
    expect(found).toEqual([]);
    await page.context().close();
  });
}
