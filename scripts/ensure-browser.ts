/**
 * Before the browser journeys (`npm run test:e2e`): find a browser, and when there is none,
 * install one the way this machine allows: Debian's `chromium` through apt-get when running as
 * root, else Playwright's own download. When neither works (or PORTAL_BROWSER_INSTALL=0), stop
 * with one line saying what to run.
 */
import { spawnSync } from 'node:child_process';
import { findBrowser, runs } from '../e2e/fixtures/browser';

const ADVICE =
  'No browser for the journeys: run `sudo apt-get install chromium` (Debian) or `npx playwright install chromium`, or set CHROMIUM_PATH to a Chromium executable.';

function attempt(label: string, steps: [string, string[]][]): boolean {
  console.log(`ensure-browser: installing ${label}`);
  return steps.every(([command, args]) => spawnSync(command, args, { stdio: 'inherit', timeout: 10 * 60_000 }).status === 0);
}

const found = findBrowser();
if (found) {
  console.log(`ensure-browser: ${found.path} (${found.source})`);
  process.exit(0);
}
if (process.env.PORTAL_BROWSER_INSTALL === '0') {
  console.error(ADVICE);
  process.exit(1);
}
const root = process.getuid?.() === 0;
const installed =
  (root && runs('apt-get', ['--version']) && attempt("Debian's chromium package", [['apt-get', ['update', '-qq']], ['apt-get', ['install', '-y', '-qq', 'chromium']]])) ||
  attempt("Playwright's chromium", [['npx', ['playwright', 'install', 'chromium']]]);
const after = installed ? findBrowser() : null;
if (!after) {
  console.error(ADVICE);
  process.exit(1);
}
console.log(`ensure-browser: ${after.path} (${after.source})`);
