import type { FeatureKey } from '@/lib/config/features';
import type { Permission } from '@/lib/config/permissions';

/**
 * The workspace registry: one entry per workspace drives the navigation, the tenant switcher's
 * "same workspace" move, the page guard (lib/auth/page.ts) and the isolation matrix's page cases.
 * A page under app/(portal)/t/[tenant]/<path>/ exists only with an entry here (a test checks).
 *
 * scope:
 * - `tenant`: works in any one tenant the user can act in: home, or a managed tenant through a link.
 * - `home`: exists only in the user's own tenant (their account, their links, who acted in it).
 * - `platform`: exists only in the platform tenant, for platform operators.
 */
export type WorkspaceScope = 'tenant' | 'home' | 'platform';

/**
 * Navigation groups, in sidebar order. `account` is not in the sidebar: its entries are the user
 * menu's (top right).
 */
export const navGroups = [
  { id: 'overview', label: 'Overview' },
  { id: 'customers', label: 'Customers' },
  { id: 'catalogue', label: 'Catalogue' },
  { id: 'billing', label: 'Billing' },
  { id: 'support', label: 'Support' },
  { id: 'reports', label: 'Reports' },
  { id: 'partner', label: 'Partner' },
  { id: 'administration', label: 'Administration' },
  { id: 'platform', label: 'Platform' },
  { id: 'account', label: 'Account' },
] as const;
export type NavGroup = (typeof navGroups)[number]['id'];

export type Workspace = {
  id: string;
  /** The URL segment after /t/<slug>/ ('' is the tenant's overview, /t/<slug> itself). */
  path: string;
  label: string;
  group: NavGroup;
  /**
   * What the page needs, named on the 403 page; the data functions check it again. The overview
   * and the user's own pages need `account.read`, which every role holds.
   */
  permission: Permission;
  /** A feature that must be on in the tenant, or the workspace is not there (404). */
  feature?: FeatureKey;
  scope: WorkspaceScope;
  /**
   * Tenancy classification for the All-tenants mode: `one-or-all` pages also exist at
   * /t/all/<path> for partner staff (rows from every tenant their live links allow); every other
   * `tenant` page needs one tenant and shows "Choose a tenant" there. A test fails on a page
   * under /t/all/ that is not `one-or-all`.
   */
  tenancy: 'one' | 'one-or-all' | 'none';
};

export const workspaces = [
  { id: 'overview', path: '', label: 'Overview', group: 'overview', permission: 'account.read', scope: 'tenant', tenancy: 'one' },
  { id: 'users', path: 'users', label: 'Users', group: 'customers', permission: 'users.read', scope: 'tenant', tenancy: 'one-or-all' },
  // Identity documents are the tenant's own: reviewed at home, never through a link.
  { id: 'kyc', path: 'kyc', label: 'KYC review', group: 'customers', permission: 'users.kyc.review', scope: 'home', tenancy: 'none' },
  { id: 'subscriptions', path: 'subscriptions', label: 'Subscriptions', group: 'customers', permission: 'subscriptions.read', scope: 'tenant', tenancy: 'one' },
  { id: 'plans', path: 'plans', label: 'Plans', group: 'catalogue', permission: 'plans.read', scope: 'tenant', tenancy: 'one' },
  // Invoices of one tenant; at /t/all/billing the consolidated view over every tenant billed.
  { id: 'billing', path: 'billing', label: 'Billing', group: 'billing', permission: 'billing.invoices.read', scope: 'tenant', tenancy: 'one-or-all' },
  // One tenant's tickets; at /t/all/tickets the board over every tenant whose link grants tickets.
  { id: 'tickets', path: 'tickets', label: 'Tickets', group: 'support', permission: 'tickets.read', feature: 'tickets', scope: 'tenant', tenancy: 'one-or-all' },
  // Alerts about one tenant; at /t/all/alerts those of every tenant the caller reads alerts in.
  { id: 'alerts', path: 'alerts', label: 'Alerts', group: 'support', permission: 'alerts.read', scope: 'tenant', tenancy: 'one-or-all' },
  // Usage and SLA charts of one tenant; at /t/all/reports across every tenant whose link grants reports.
  { id: 'reports', path: 'reports', label: 'Reports', group: 'reports', permission: 'reports.usage.read', scope: 'tenant', tenancy: 'one-or-all' },
  { id: 'tenants', path: 'tenants', label: 'Managed tenants', group: 'partner', permission: 'partner.tenants.list', scope: 'home', tenancy: 'none' },
  { id: 'links', path: 'links', label: 'Links', group: 'partner', permission: 'links.read', scope: 'home', tenancy: 'none' },
  { id: 'access', path: 'access', label: 'Access', group: 'partner', permission: 'audit.read', scope: 'home', tenancy: 'none' },
  { id: 'roles', path: 'roles', label: 'Roles', group: 'administration', permission: 'roles.read', scope: 'tenant', tenancy: 'one' },
  { id: 'settings', path: 'settings', label: 'Settings', group: 'administration', permission: 'settings.read', scope: 'tenant', tenancy: 'one' },
  { id: 'audit', path: 'audit', label: 'Audit', group: 'administration', permission: 'audit.read', scope: 'tenant', tenancy: 'one' },
  // Keys act as the user who made them: made and revoked at home, never through a link.
  { id: 'api-keys', path: 'settings/api-keys', label: 'API keys', group: 'administration', permission: 'api_keys.manage', scope: 'home', tenancy: 'none' },
  // A tenant's endpoints (a partner's may include its managed tenants' events): managed at home.
  { id: 'webhooks', path: 'settings/webhooks', label: 'Webhooks', group: 'administration', permission: 'webhooks.manage', scope: 'home', tenancy: 'none' },
  { id: 'partners', path: 'partners', label: 'Partners', group: 'platform', permission: 'platform.tenants.read', scope: 'platform', tenancy: 'none' },
  { id: 'features', path: 'features', label: 'Features', group: 'platform', permission: 'platform.features.manage', scope: 'platform', tenancy: 'none' },
  { id: 'account', path: 'account', label: 'My account', group: 'account', permission: 'account.read', scope: 'home', tenancy: 'none' },
  { id: 'my-access', path: 'my-access', label: 'My access', group: 'account', permission: 'account.read', scope: 'home', tenancy: 'none' },
] as const satisfies readonly Workspace[];

export type WorkspaceId = (typeof workspaces)[number]['id'];

export function workspace(id: WorkspaceId): Workspace {
  return workspaces.find((w) => w.id === id)!;
}

/** Set by proxy.ts on portal requests: the path, so the 403 page can name the workspace. */
export const PATH_HEADER = 'x-portal-path';

/** The workspace a URL path under /t/<slug>/ names, if any. */
export function workspaceOfPath(pathname: string | null): { slug: string; workspace: Workspace | undefined } | null {
  const match = /^\/t\/([^/?#]+)(?:\/([^?#]*))?/.exec(pathname ?? '');
  return match ? { slug: match[1]!, workspace: workspaceOfSegments((match[2] ?? '').split('/').filter(Boolean)) } : null;
}

/** The workspace a URL segment names, if any (no segment: the overview). */
export function workspaceAt(path: string | null): Workspace | undefined {
  return workspaces.find((w) => w.path === (path ?? ''));
}

/** The workspace of a path's segments: a nested one (`settings/api-keys`) before its parent. */
export function workspaceOfSegments(segments: readonly string[]): Workspace | undefined {
  return (segments.length > 1 ? workspaceAt(segments.slice(0, 2).join('/')) : undefined) ?? workspaceAt(segments[0] ?? null);
}

/** A workspace's URL in a tenant (`all` for the All-tenants mode). */
export function workspaceHref(slug: string, w: Pick<Workspace, 'path'>): string {
  return w.path ? `/t/${slug}/${w.path}` : `/t/${slug}`;
}

/** What decides whether a workspace is there for a request; the guard and the navigation share it. */
export type WorkspaceAccess = {
  via: 'home' | 'link';
  homeIsPlatform: boolean;
  enabledFeatures: ReadonlySet<string>;
  can: (permission: Permission) => boolean;
};

/**
 * `absent` (404): the workspace does not exist here (scope or feature); `forbidden` (403): it
 * exists, and the caller lacks its permission; `open`.
 */
export function workspaceState(w: Workspace, a: WorkspaceAccess): 'open' | 'forbidden' | 'absent' {
  if (w.scope === 'home' && a.via !== 'home') return 'absent';
  if (w.scope === 'platform' && (a.via !== 'home' || !a.homeIsPlatform)) return 'absent';
  if (w.feature && !a.enabledFeatures.has(w.feature)) return 'absent';
  return a.can(w.permission) ? 'open' : 'forbidden';
}

/**
 * Where the tenant switcher goes in another tenant: the same workspace when it exists there
 * (scope `tenant`), else that tenant's landing page, which picks the first open workspace.
 */
export function switchTarget(current: string | null, slug: string): string {
  const w = workspaceAt(current);
  if (slug === ALL_TENANTS) return w?.tenancy === 'one-or-all' ? workspaceHref(slug, w) : `/t/${slug}/users`;
  return w && w.scope === 'tenant' ? workspaceHref(slug, w) : `/t/${slug}`;
}

/** The reserved slug of the All-tenants mode (no tenant may be registered with it). */
export const ALL_TENANTS = 'all';
