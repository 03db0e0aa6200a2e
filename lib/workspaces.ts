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

export type Workspace = {
  id: string;
  /** The URL segment after /t/<slug>/. */
  path: string;
  label: string;
  /** Navigation group, in this order. */
  group: 'platform' | 'tenant' | 'partners' | 'account';
  /** What the page needs, named on the 403 page; the data functions check it again. */
  permission: Permission;
  /** A feature that must be on in the tenant, or the workspace is not there (404). */
  feature?: FeatureKey;
  scope: WorkspaceScope;
};

export const workspaces = [
  { id: 'partners', path: 'partners', label: 'Partners', group: 'platform', permission: 'platform.tenants.read', scope: 'platform' },
  { id: 'features', path: 'features', label: 'Features', group: 'platform', permission: 'platform.features.manage', scope: 'platform' },
  { id: 'users', path: 'users', label: 'Users', group: 'tenant', permission: 'users.read', scope: 'tenant' },
  { id: 'tickets', path: 'tickets', label: 'Tickets', group: 'tenant', permission: 'tickets.read', feature: 'tickets', scope: 'tenant' },
  { id: 'roles', path: 'roles', label: 'Roles', group: 'tenant', permission: 'roles.read', scope: 'tenant' },
  { id: 'audit', path: 'audit', label: 'Audit', group: 'tenant', permission: 'audit.read', scope: 'tenant' },
  { id: 'settings', path: 'settings', label: 'Settings', group: 'tenant', permission: 'settings.read', scope: 'tenant' },
  { id: 'links', path: 'links', label: 'Links', group: 'partners', permission: 'links.read', scope: 'home' },
  { id: 'access', path: 'access', label: 'Access', group: 'partners', permission: 'audit.read', scope: 'home' },
  { id: 'sessions', path: 'sessions', label: 'Sessions', group: 'account', permission: 'account.sessions.manage', scope: 'home' },
] as const satisfies readonly Workspace[];

export type WorkspaceId = (typeof workspaces)[number]['id'];

export function workspace(id: WorkspaceId): Workspace {
  return workspaces.find((w) => w.id === id)!;
}

/** Set by proxy.ts on portal requests: the path, so the 403 page can name the workspace. */
export const PATH_HEADER = 'x-portal-path';

/** The workspace a URL path under /t/<slug>/ names, if any. */
export function workspaceOfPath(pathname: string | null): { slug: string; workspace: Workspace | undefined } | null {
  const match = /^\/t\/([^/]+)(?:\/([^/?#]+))?/.exec(pathname ?? '');
  return match ? { slug: match[1]!, workspace: workspaceAt(match[2] ?? null) } : null;
}

/** The workspace a URL segment names, if any. */
export function workspaceAt(path: string | null): Workspace | undefined {
  return workspaces.find((w) => w.path === path);
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
  return w && w.scope === 'tenant' ? `/t/${slug}/${w.path}` : `/t/${slug}`;
}
