import { execSync } from 'node:child_process';
import { defineConfig, devices } from '@playwright/test';

import { E2E_DATA_DIR, E2E_PG_PORT, E2E_PORT as PORT } from './e2e/fixtures/env';

const baseURL = `http://localhost:${PORT}`;

/** Playwright cannot download its browsers here: use the system Chromium (Debian's package). */
function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return execSync('command -v chromium || command -v chromium-browser', { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI
    ? [['list'], ['json', { outputFile: '.ci-results/playwright.json' }]]
    : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromiumPath(),
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  projects: [
    // Signs each demo role in once and stores its cookies (e2e/.auth/, git-ignored).
    { name: 'setup', testMatch: /auth\.setup\.ts/, use: { ...devices['Desktop Chrome'] } },
    { name: 'chromium', dependencies: ['setup'], use: { ...devices['Desktop Chrome'] } },
  ],
  webServer: {
    // The production build (npm run test:e2e builds first), a fresh embedded database, the demo world.
    command: 'tsx scripts/start.ts',
    url: `${baseURL}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    env: {
      PORT: String(PORT),
      PORTAL_DATA_DIR: E2E_DATA_DIR,
      PORTAL_PG_PORT: String(E2E_PG_PORT),
      PORTAL_FRESH: '1',
      NEXT_TELEMETRY_DISABLED: '1',
    },
  },
});
