import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { effectivePermissions, partnerPermissions, type TenantPermission } from '@/lib/rbac';
import { linkRoleTable } from '@/lib/rbac/link-matrix';
import { linkAccessRoles, type LinkAccessRole } from '@/lib/config/enums';

const documented = () => {
  const doc = readFileSync('docs/security.md', 'utf8');
  const match = /<!-- link-roles:start -->\n([\s\S]*?)\n<!-- link-roles:end -->/.exec(doc);
  if (!match) throw new Error('docs/security.md has no link-roles table');
  return match[1]!.trim();
};

/** Staff who hold every partner permission at home: only the link can limit them. */
const widestStaff = () => new Set<string>(partnerPermissions);

describe('what each link access role allows', () => {
  it('is exactly the table in docs/security.md, for every link role and every tenant permission', () => {
    expect(documented()).toBe(linkRoleTable());
  });

  it('never carries a configuration write, a link, audit export or verify, or the end user\'s own permissions', () => {
    const never: TenantPermission[] = [
      'roles.write',
      'settings.write',
      'links.read',
      'links.manage',
      'audit.export',
      'audit.verify',
      'account.read',
      'account.sessions.manage',
      'subscriptions.self',
    ];
    const everything = Object.fromEntries(never.map((p) => [p, true]));
    for (const accessRole of linkAccessRoles) {
      // Even a delegate link that "grants" them, held by staff who hold every partner permission.
      const perms = effectivePermissions(widestStaff(), { accessRole, customPermissions: everything });
      for (const p of never) expect(perms.has(p), `${accessRole}: ${p}`).toBe(false);
    }
  });

  it('lets only enterprise_hq (and an explicit delegate grant) read roles and settings', () => {
    const reads = (accessRole: LinkAccessRole, customPermissions: Record<string, boolean> = {}) => {
      const perms = effectivePermissions(widestStaff(), { accessRole, customPermissions });
      return ['roles.read', 'settings.read'].filter((p) => perms.has(p as TenantPermission));
    };
    expect(Object.fromEntries(linkAccessRoles.map((r) => [r, reads(r)]))).toEqual({
      msp_full: [],
      msp_billing: [],
      msp_support: [],
      enterprise_hq: ['roles.read', 'settings.read'],
      auditor: [],
      reseller: [],
      delegate: [],
    });
    expect(reads('delegate', { 'settings.read': true })).toEqual(['settings.read']);
    // A deny on an HQ link takes it away again.
    expect(reads('enterprise_hq', { 'roles.read': false })).toEqual(['settings.read']);
  });

  it('lets nobody on an auditor link write anything', () => {
    const perms = [...effectivePermissions(widestStaff(), { accessRole: 'auditor', customPermissions: {} }).keys()];
    expect(perms.filter((p) => !p.endsWith('.read'))).toEqual([]);
  });
});
