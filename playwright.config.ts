import { defineConfig, devices } from '@playwright/test';

import { browserExecutable } from './e2e/fixtures/browser';
import { E2E_DATA_DIR, E2E_LOG_FILE, E2E_MAIL_SMTP_PORT, E2E_MAIL_WEB_PORT, E2E_METRICS_TOKEN, E2E_PG_PORT, E2E_PORT as PORT } from './e2e/fixtures/env';

const baseURL = `http://localhost:${PORT}`;

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
      // CHROMIUM_PATH, the system's Chromium, or Playwright's own (scripts/ensure-browser.ts makes sure of one).
      executablePath: browserExecutable(),
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
    // The server's and the worker's output is in E2E_LOG_FILE; only their errors are echoed here.
    stdout: 'ignore',
    env: {
      PORT: String(PORT),
      PORTAL_DATA_DIR: E2E_DATA_DIR,
      PORTAL_PG_PORT: String(E2E_PG_PORT),
      PORTAL_FRESH: '1',
      // The server's and the worker's output, scanned for secrets by e2e/operations/logs.spec.ts.
      PORTAL_LOG_FILE: E2E_LOG_FILE,
      METRICS_TOKEN: E2E_METRICS_TOKEN,
      // Its own mail catcher (not a developer's on 1025/1080); e2e/fixtures/mail.ts reads it.
      PORTAL_MAIL_SMTP_PORT: String(E2E_MAIL_SMTP_PORT),
      PORTAL_MAIL_WEB_PORT: String(E2E_MAIL_WEB_PORT),
      SMTP_URL: '',
      // The webhook journeys' receivers run on this machine (http://localhost); off by default.
      WEBHOOKS_ALLOW_HTTP_LOCALHOST: '1',
      NEXT_TELEMETRY_DISABLED: '1',
    },
  },
});
