import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { switchTarget, workspaces, workspaceState, type WorkspaceAccess } from '@/lib/workspaces';

const ROOT = 'app/(portal)/t/[tenant]';

function pages(dir = ROOT): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? pages(path.join(dir, e.name)) : e.name === 'page.tsx' ? [path.join(dir, e.name)] : [],
  );
}

describe('the workspace registry and the page guard', () => {
  it('every page under /t/[tenant]/ calls tenantPage with the workspace its folder belongs to', () => {
    const found = pages().filter((p) => p !== path.join(ROOT, 'page.tsx'));
    expect(found.length).toBeGreaterThan(10);
    const wrong = found.filter((file) => {
      const folder = path.relative(ROOT, file).split(path.sep)[0];
      const entry = workspaces.find((w) => w.path === folder);
      const source = readFileSync(file, 'utf8');
      return !entry || !source.includes(`tenantPage({ params, workspace: '${entry.id}' })`) || /getPageContext\(/.test(source);
    });
    expect(wrong).toEqual([]);
  });

  it('the landing page only redirects to the first open workspace, and every entry has its page', () => {
    expect(readFileSync(path.join(ROOT, 'page.tsx'), 'utf8')).toMatch(/redirect\(await landingPath\(/);
    expect(workspaces.filter((w) => !existsSync(path.join(ROOT, w.path, 'page.tsx'))).map((w) => w.id)).toEqual([]);
  });

  const access = (over: Partial<WorkspaceAccess>): WorkspaceAccess => ({
    via: 'home',
    homeIsPlatform: false,
    enabledFeatures: new Set(['tickets']),
    can: () => true,
    ...over,
  });
  const states = (a: WorkspaceAccess) => Object.fromEntries(workspaces.map((w) => [w.id, workspaceState(w, a)]));

  it('answers 404 where a workspace does not exist and 403 where it exists without its permission', () => {
    // A tenant admin at home: platform pages do not exist in their tenant.
    expect(states(access({}))).toMatchObject({ partners: 'absent', features: 'absent', users: 'open', links: 'open', sessions: 'open' });
    // Through a link: home-only workspaces are not there; tenant ones follow the permission.
    expect(states(access({ via: 'link', can: (p) => p === 'tickets.read' }))).toMatchObject({
      users: 'forbidden',
      tickets: 'open',
      links: 'absent',
      access: 'absent',
      sessions: 'absent',
    });
    // A feature turned off: its workspace is not there, whatever the permission.
    expect(states(access({ enabledFeatures: new Set() })).tickets).toBe('absent');
    // A platform operator without a platform permission sees that page refused, not missing.
    expect(states(access({ homeIsPlatform: true, can: (p) => p !== 'platform.features.manage' }))).toMatchObject({ partners: 'open', features: 'forbidden' });
  });

  it('moves the tenant switcher to the same workspace only where it exists in the other tenant', () => {
    expect(switchTarget('users', 'northwind')).toBe('/t/northwind/users');
    expect(switchTarget('features', 'northwind')).toBe('/t/northwind');
    expect(switchTarget('sessions', 'northwind')).toBe('/t/northwind');
    expect(switchTarget(null, 'northwind')).toBe('/t/northwind');
  });
});
