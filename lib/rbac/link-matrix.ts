import { linkAccessRoles } from '@/lib/config/enums';
import { linkRoleGrants, partnerCoverage } from './link-roles';
import { tenantPermissions } from '@/lib/config/permissions';

/**
 * The link-role table as docs/security.md prints it: for every tenant permission, what each
 * link access role gives (`yes`, `—`), `grant` where only an explicit delegate override can
 * give it, and the home partner permissions that cover it. test/unit/link-roles.test.ts
 * compares the document with this, so the table and the code cannot drift.
 */
export function linkRoleTable(): string {
  const head = ['permission', ...linkAccessRoles, 'covered by (staff, at home)'];
  const rows = tenantPermissions.map((p) => {
    const covering = partnerCoverage[p];
    const cells = linkAccessRoles.map((role) => {
      if (linkRoleGrants[role].includes(p)) return 'yes';
      if (role === 'delegate' && covering) return 'grant';
      return '—';
    });
    return [`\`${p}\``, ...cells, covering ? covering.map((c) => `\`${c}\``).join(', ') : 'never through a link'];
  });
  return [head, head.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}
