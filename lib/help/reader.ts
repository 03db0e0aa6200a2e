import 'server-only';
import { can } from '@/lib/rbac';
import type { RequestContext } from '@/lib/tenancy/context';
import type { Reader } from './guides';

/** A permission that changes something (exports and switching tenants change nothing). */
const WRITES = /\.(write|update|create|comment|manage|activate|suspend|assign|review|kyc)$/;

/** What /help orders its guides by: the reader's user type and permissions (beyond their own account). */
export function readerOf(ctx: RequestContext): Reader {
  const held = [...ctx.homePermissions, ...ctx.permissions.keys()].filter(
    (p) => !p.startsWith('account.'),
  );
  return {
    endUser: ctx.user.type !== 'admin',
    platform: ctx.homeTenant.isPlatform,
    partner: can(ctx, 'partner.tenants.switch_context'),
    readOnly: held.some((p) => p.includes('audit')) && !held.some((p) => WRITES.test(p)),
  };
}
