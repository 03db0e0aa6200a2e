import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The step before the browser journeys, run as npm runs it, with the machine's browser hidden:
// a PATH holding only node (node may live beside the system's chromium), and Playwright's own
// browsers looked for in an empty folder.
const nodeOnly = mkdtempSync(path.join(tmpdir(), 'node-only-'));
symlinkSync(process.execPath, path.join(nodeOnly, 'node'));

function run(env: Record<string, string>) {
  const empty = mkdtempSync(path.join(tmpdir(), 'no-browsers-'));
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/ensure-browser.ts'], {
    encoding: 'utf8',
    env: { NODE_ENV: 'test', PATH: nodeOnly, HOME: process.env.HOME ?? tmpdir(), PLAYWRIGHT_BROWSERS_PATH: empty, PORTAL_BROWSER_INSTALL: '0', ...env },
  });
  return { status: result.status, out: result.stdout.trim(), err: result.stderr.trim() };
}

describe('finding a browser for the journeys', () => {
  it('with none anywhere, stops with one line saying what to run', () => {
    const { status, err } = run({});
    expect(status).toBe(1);
    expect(err.split('\n')).toEqual([
      'No browser for the journeys: run `sudo apt-get install chromium` (Debian) or `npx playwright install chromium`, or set CHROMIUM_PATH to a Chromium executable.',
    ]);
  });

  it("takes the system's chromium from PATH, and CHROMIUM_PATH before it", () => {
    const bin = mkdtempSync(path.join(tmpdir(), 'fake-chromium-'));
    const fake = path.join(bin, 'chromium');
    writeFileSync(fake, '#!/bin/sh\nexit 0\n');
    chmodSync(fake, 0o755);
    const system = run({ PATH: `${bin}${path.delimiter}${nodeOnly}` });
    expect(system).toMatchObject({ status: 0, out: `ensure-browser: ${fake} (system)` });
    expect(run({ CHROMIUM_PATH: fake })).toMatchObject({ status: 0, out: `ensure-browser: ${fake} (CHROMIUM_PATH)` });
    // A CHROMIUM_PATH that is not there is not silently replaced by another browser.
    expect(run({ CHROMIUM_PATH: path.join(bin, 'missing'), PATH: `${bin}${path.delimiter}${nodeOnly}` }).status).toBe(1);
  });
});
