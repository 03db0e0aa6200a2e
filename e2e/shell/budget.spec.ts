import { gzipSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { expect, pageAs, test } from '../fixtures/auth';
import { PortalPage } from '../pages/portal-page';

const BUDGET = 250 * 1024;
/** Everything a page has loaded once it is idle, code split off for later included (the reports' charts). */
const IDLE_BUDGET = 450 * 1024;

const gzipped = async (page: Page, sources: Iterable<string>) => {
  let total = 0;
  for (const src of new Set(sources)) total += gzipSync(await (await page.request.get(src)).body()).length;
  return total;
};

/**
 * The JavaScript a first visit of the current page loads, gzip-compressed as it would travel:
 * the scripts its HTML names (Next.js's "first load JS"), and everything loaded once the page is
 * idle. The legacy polyfills (`nomodule`) are left out: browsers that run modules never fetch them.
 */
async function firstLoadJs(page: Page): Promise<{ first: number; idle: number }> {
  const html = await (await page.request.get(page.url())).text();
  const named = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g)].filter((m) => !/\bnomodule\b/i.test(m[0])).map((m) => new URL(m[1]!.replaceAll('&amp;', '&'), page.url()).href);
  await page.waitForLoadState('networkidle');
  const loaded = await page.evaluate(() => [...document.querySelectorAll<HTMLScriptElement>('script[src]:not([nomodule])')].map((s) => s.src));
  return { first: await gzipped(page, named), idle: await gzipped(page, loaded) };
}

// Every page the partner admin's, alice's and an end user's navigation offers, plus the
// All-tenants lists and the end user's own pages: the first-load JavaScript of each stays within
// 250 KB gzip, and all it loads by the time it is idle within 450 (the numbers are printed for
// the docs).
test('first-load JavaScript per route stays within 250 KB gzip', async ({ browser }) => {
  const sizes: [string, number][] = [];
  const idle: [string, number][] = [];
  // And an end user's own pages: My account (where they land), the KYC stepper and the plans;
  // the plan form (react-hook-form with the server's zod schema).
  const extra: Record<string, string[]> = {
    acmeAdmin: ['/t/acme-msp/plans/new'],
    alice: ['/t/all/users', '/t/all/tickets', '/t/all/alerts', '/t/all/reports', '/t/northwind/users', '/t/northwind/subscriptions'],
    ben: ['/t/northwind/account', '/t/northwind/account/verify?kind=address', '/t/northwind/account/plans'],
  };
  for (const role of ['acmeAdmin', 'alice', 'ben'] as const) {
    const page = await pageAs(browser, role);
    const nav = await page.getByRole('navigation', { name: 'Workspaces' }).getByRole('link').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname));
    for (const path of [...nav, ...(extra[role] ?? [])]) {
      if (sizes.some(([p]) => p === path)) continue;
      await page.goto(path);
      const js = await firstLoadJs(page);
      sizes.push([path, js.first]);
      idle.push([path, js.idle]);
    }
    await page.context().close();
  }
  console.log(`first-load JS (gzip): ${sizes.map(([p, n]) => `${p} ${(n / 1024).toFixed(1)} KB`).join('; ')}`);
  console.log(`JS once idle (gzip): ${idle.map(([p, n]) => `${p} ${(n / 1024).toFixed(1)} KB`).join('; ')}`);
  expect(sizes.filter(([, n]) => n > BUDGET)).toEqual([]);
  expect(idle.filter(([, n]) => n > IDLE_BUDGET)).toEqual([]);
});

// Reported, not asserted (timing depends on the machine): from Enter in the switcher to the new
// page's h1 holding focus.
test('a tenant switch, timed to the new page h1', async ({ browser }) => {
  const page = await pageAs(browser, 'alice');
  const portal = new PortalPage(page);
  const times: number[] = [];
  for (const [from, to, name] of [
    ['/t/northwind/users', 'contoso', 'Contoso Broadband'],
    ['/t/contoso/tickets', 'northwind', 'Northwind Fiber'],
    ['/t/northwind/tickets', 'contoso', 'Contoso Broadband'],
  ] as const) {
    await page.goto(from);
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: 'Filter tenants' }).fill(to);
    const started = Date.now();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
    times.push(Date.now() - started);
    await expect(portal.banner()).toContainText(`Acting in ${name}`);
  }
  console.log(`tenant switch to h1: ${times.map((t) => `${t} ms`).join(', ')}`);
  await page.context().close();
});
