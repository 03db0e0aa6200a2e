import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { switchTarget, workspaceOfSegments, workspaces, workspaceState, type WorkspaceAccess } from '@/lib/workspaces';

const ROOT = 'app/(portal)/t/[tenant]';

function pages(dir = ROOT): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? pages(path.join(dir, e.name)) : e.name === 'page.tsx' ? [path.join(dir, e.name)] : [],
  );
}

describe('the workspace registry and the page guard', () => {
  it('every page under /t/[tenant]/ calls tenantPage with the workspace its folder belongs to', () => {
    const found = pages();
    expect(found.length).toBeGreaterThan(10);
    const wrong = found.filter((file) => {
      // The tenant's own page.tsx is the overview (path '').
      const entry = workspaceOfSegments(path.relative(ROOT, path.dirname(file)).split(path.sep).filter(Boolean));
      const source = readFileSync(file, 'utf8');
      return !entry || !source.includes(`tenantPage({ params, workspace: '${entry.id}' })`) || /getPageContext\(/.test(source);
    });
    expect(wrong).toEqual([]);
  });

  it('every entry has its page', () => {
    expect(workspaces.filter((w) => !existsSync(path.join(ROOT, w.path, 'page.tsx'))).map((w) => w.id)).toEqual([]);
  });

  it('classifies every page for the All-tenants mode, and /t/all/ holds only one-or-all workspaces', () => {
    // Each page is one tenant, one or all, or no tenant (the user's own, the platform's).
    for (const w of workspaces) expect(['one', 'one-or-all', 'none'], w.id).toContain(w.tenancy);
    for (const w of workspaces) if (w.scope !== 'tenant') expect(w.tenancy, `${w.id} is not a tenant workspace`).toBe('none');
    const ALL = 'app/(portal)/t/all';
    const allPages = pages(ALL).map((p) => path.relative(ALL, path.dirname(p)).split(path.sep)[0] ?? '');
    // The mode's root (a redirect) and the "Choose a tenant" page for every other path.
    const lists = allPages.filter((folder) => folder !== '' && folder !== '[...rest]');
    expect(lists.length).toBeGreaterThan(0);
    for (const folder of lists) {
      const entry = workspaces.find((w) => w.path === folder);
      expect(entry?.tenancy, `/t/all/${folder}`).toBe('one-or-all');
      expect(readFileSync(path.join(ALL, folder, 'page.tsx'), 'utf8')).toContain(`allTenantsPage('${entry!.id}')`);
    }
    expect(workspaces.filter((w) => w.tenancy === 'one-or-all' && !allPages.includes(w.path)).map((w) => w.id)).toEqual([]);
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
    expect(states(access({}))).toMatchObject({ overview: 'open', partners: 'absent', features: 'absent', users: 'open', links: 'open', account: 'open', kyc: 'open', 'my-access': 'open' });
    // Through a link: home-only workspaces are not there; tenant ones follow the permission.
    expect(states(access({ via: 'link', can: (p) => p === 'tickets.read' }))).toMatchObject({
      users: 'forbidden',
      tickets: 'open',
      links: 'absent',
      access: 'absent',
      account: 'absent',
      kyc: 'absent',
      'my-access': 'absent',
      tenants: 'absent',
    });
    // The overview needs only account.read, which every role holds (through a link it is held at home).
    expect(states(access({ via: 'link', can: (p) => p === 'account.read' })).overview).toBe('open');
    // A feature turned off: its workspace is not there, whatever the permission.
    expect(states(access({ enabledFeatures: new Set() })).tickets).toBe('absent');
    // A platform operator without a platform permission sees that page refused, not missing.
    expect(states(access({ homeIsPlatform: true, can: (p) => p !== 'platform.features.manage' }))).toMatchObject({ partners: 'open', features: 'forbidden' });
  });

  it('moves the tenant switcher to the same workspace only where it exists in the other tenant', () => {
    expect(switchTarget('users', 'northwind')).toBe('/t/northwind/users');
    expect(switchTarget('features', 'northwind')).toBe('/t/northwind');
    expect(switchTarget('account', 'northwind')).toBe('/t/northwind');
    expect(switchTarget(null, 'northwind')).toBe('/t/northwind');
    // All tenants: the same list where it has an all-tenants form, else its first list.
    expect(switchTarget('users', 'all')).toBe('/t/all/users');
    expect(switchTarget('tickets', 'all')).toBe('/t/all/tickets');
    expect(switchTarget('plans', 'all')).toBe('/t/all/users');
    expect(switchTarget('users', 'northwind')).toBe('/t/northwind/users');
  });
});
