import type { LinkAccessRole } from '@/lib/config/enums';
import type { Permission, PermissionSource } from '@/lib/rbac';
import type { SessionPolicy } from '@/lib/config/policies';
import type { RateLimits } from '@/lib/config/rate-limits';

export type TenantRef = { id: string; slug: string; name: string; isPlatform: boolean };

export type ContextUser = {
  id: string;
  email: string;
  name: string;
  type: 'guest' | 'basic' | 'advanced' | 'company' | 'admin';
  status: 'active' | 'inactive' | 'idle' | 'signing';
  /** False for a self sign-up that has not confirmed its address yet. */
  emailVerified: boolean;
  /** The home tenant requires a second factor of this user (staff, when its policy says so). */
  mfaRequired: boolean;
  /** Required and not set up yet: the user holds only their own account until they enrol. */
  mfaPending: boolean;
};

export type ActiveLink = {
  id: string;
  accessRole: LinkAccessRole;
  startsAt: Date;
  endsAt: Date | null;
};

/** Everything a request acts with. Built by resolveContext, never cached across requests. */
export type RequestContext = {
  requestId: string;
  ip: string | null;
  userAgent: string | null;
  sessionId: string;
  user: ContextUser;
  homeTenant: TenantRef;
  activeTenant: TenantRef;
  via: 'home' | 'link';
  link: ActiveLink | null;
  /** Home-tenant permissions (roles); partner.* live here. */
  homePermissions: ReadonlySet<string>;
  /** Effective permissions in the active tenant, with where each one came from. */
  permissions: ReadonlyMap<Permission, PermissionSource>;
  /** The home tenant's session and usage policy for this user's type (read on every request). */
  policy: SessionPolicy;
  /** The home tenant's API limits (for partner staff: the partner's). */
  rateLimits: RateLimits;
  /**
   * The API key the call was made with (its id is also `sessionId`); null for a browser session.
   * `secretHash` lets a cross-tenant read check the key again per tenant; never sent anywhere.
   */
  apiKey: { id: string; name: string; secretHash: string } | null;
};

/** Who did it, as the audit log and records name them: the user's email, and the key when one was used. */
export function actorLabelOf(ctx: { user: { email: string }; apiKey: { name: string } | null }): string {
  return ctx.apiKey ? `${ctx.user.email} (API key "${ctx.apiKey.name}")` : ctx.user.email;
}

export type RequestMeta = Pick<RequestContext, 'requestId' | 'ip' | 'userAgent'>;

export type LinkState = 'requested' | 'active' | 'expiring' | 'expired' | 'not_started' | 'rejected' | 'revoked';

const EXPIRING_WINDOW_MS = 14 * 24 * 60 * 60 * 1000;

/** A link's state as users see it; "expired" and "expiring" are derived from the dates. */
export function linkState(
  link: { status: 'requested' | 'active' | 'rejected' | 'revoked'; startsAt: Date; endsAt: Date | null },
  now = new Date(),
): LinkState {
  if (link.status !== 'active') return link.status;
  if (link.startsAt > now) return 'not_started';
  if (link.endsAt && link.endsAt <= now) return 'expired';
  if (link.endsAt && link.endsAt.getTime() - now.getTime() <= EXPIRING_WINDOW_MS) return 'expiring';
  return 'active';
}

export const isLive = (state: LinkState) => state === 'active' || state === 'expiring';
