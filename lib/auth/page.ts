import 'server-only';
import type { z } from 'zod';
import { forbidden, notFound, redirect } from 'next/navigation';
import { listMyExports } from '@/lib/data/exports';
import { unreadNotificationCount } from '@/lib/data/notifications';
import { readsAlerts, unacknowledgedAlertCount } from '@/lib/data/alerts';
import { getMySuspension } from '@/lib/data/subscriptions';
import type { ExportDto } from '@/lib/validation/exports';
import type { SuspensionNotice } from '@/lib/validation/plans';
import { listSwitchableTenants } from '@/lib/data/tenancy';
import { AppError } from '@/lib/errors';
import { can } from '@/lib/rbac';
import { idSchema } from '@/lib/validation/common';
import { isLive, type RequestContext } from '@/lib/tenancy/context';
import { ALL_TENANTS, workspace, workspaceHref, workspaces, workspaceState, type WorkspaceAccess, type WorkspaceId } from '@/lib/workspaces';
import { getHomePageContext, getPageContext, getPageFeatures } from './request';

type Params = Promise<{ tenant: string }>;

async function accessOf(ctx: RequestContext): Promise<WorkspaceAccess> {
  return {
    via: ctx.via,
    homeIsPlatform: ctx.homeTenant.isPlatform,
    enabledFeatures: await getPageFeatures(ctx),
    can: (p) => can(ctx, p),
  };
}

/**
 * The one page guard. Every page under /t/[tenant]/ calls it first (a test fails on one that
 * does not): it resolves the request context (signed out: to sign-in; a tenant the user cannot
 * act in: 404), then applies the workspace's registry entry: not there in this tenant (scope,
 * feature) is 404, there but without its permission is 403 naming the permission. The data
 * functions the page calls check again; this decides what the person sees.
 */
export async function tenantPage({ params, workspace: id }: { params: Params; workspace: WorkspaceId }): Promise<RequestContext> {
  const { tenant } = await params;
  const ctx = await getPageContext(tenant);
  // Staff whose tenant requires a second factor they have not set up: to enrolment, whatever
  // they asked for (their permissions are My account's alone until then: lib/data/context.ts).
  if (ctx.user.mfaPending && id !== 'account') redirect(`/t/${ctx.homeTenant.slug}/account#two-factor-title`);
  const state = workspaceState(workspace(id), await accessOf(ctx));
  if (state === 'absent') notFound();
  if (state === 'forbidden') forbidden();
  return ctx;
}

export type ShellProps = {
  /** endUser: a guest, basic, advanced or company user (not staff). */
  user: { name: string; email: string; endUser: boolean };
  homeTenant: { slug: string; name: string };
  activeTenant: { slug: string; name: string };
  acting: { accessRole: string; endsAt: string | null } | null;
  nav: { id: string; label: string; href: string; group: string }[];
  /** An end user whose plan is suspended: the banner every page shows (SUB-6). */
  suspension: SuspensionNotice | null;
  /** The user's exports: the header's Exports panel starts from these and asks again only while one runs. */
  exports: ExportDto[];
  /** Unacknowledged alerts the user can see (every tenant they read alerts in), and where they are listed; null without alerts. */
  alerts: { count: number; href: string } | null;
  /** The notification centre's unread count (null: the user cannot read their account). */
  notifications: { unread: number } | null;
  /** Partner staff: how many tenants the All-tenants mode covers now (null: no such mode for them). */
  allTenants: number | null;
  managed: {
    slug: string;
    name: string;
    accessRole: string;
    /** Whether the link lets the user act there now; otherwise the switcher shows why, disabled. */
    available: boolean;
    tenantStatus: 'active' | 'stopped';
    state: string;
    startsAt: string;
    endsAt: string | null;
  }[];
};

/** What the portal shell shows for a request: read once by the tenant layout and passed down as props. */
export async function shellFor(ctx: RequestContext): Promise<ShellProps> {
  const [access, switchable, suspension, exports, alerts, unread] = await Promise.all([
    accessOf(ctx),
    listSwitchableTenants(ctx),
    getMySuspension(ctx),
    can(ctx, 'account.read') ? listMyExports(ctx) : Promise.resolve([]),
    readsAlerts(ctx) ? unacknowledgedAlertCount(ctx) : Promise.resolve(null),
    can(ctx, 'account.read') ? unreadNotificationCount(ctx) : Promise.resolve(null),
  ]);
  const home = ctx.homeTenant.slug;
  // An end user's home page is My account (the overview sends them there): it heads their sidebar.
  const endUser = ctx.via === 'home' && ctx.user.type !== 'admin';
  const own = workspace('account');
  return {
    user: { name: ctx.user.name, email: ctx.user.email, endUser: ctx.user.type !== 'admin' },
    homeTenant: { slug: home, name: ctx.homeTenant.name },
    activeTenant: { slug: ctx.activeTenant.slug, name: ctx.activeTenant.name },
    acting: ctx.via === 'link' && ctx.link ? { accessRole: ctx.link.accessRole, endsAt: ctx.link.endsAt?.toISOString() ?? null } : null,
    // Through a link: the managed tenant's open workspaces, and the user's own account (it links home).
    nav: [
      ...(endUser ? [{ id: own.id, label: own.label, group: 'overview', href: workspaceHref(home, own) }] : []),
      ...workspaces
        .filter((w) => !(endUser && w.id === 'overview'))
        .filter((w) => (ctx.via === 'link' && w.scope !== 'tenant' ? w.group === 'account' : workspaceState(w, access) === 'open'))
        .map((w) => ({ id: w.id, label: w.label, group: w.group, href: workspaceHref(w.scope === 'tenant' ? ctx.activeTenant.slug : home, w) })),
    ],
    allTenants: allTenantsCount(switchable),
    notifications: unread === null ? null : { unread },
    suspension,
    exports,
    // Partner staff see every tenant's alerts at All tenants; a tenant's staff, its own.
    alerts: alerts === null ? null : { count: alerts, href: can(ctx, 'partner.tenants.switch_context') ? `/t/${ALL_TENANTS}/alerts` : `/t/${ctx.activeTenant.slug}/alerts` },
    managed: switchable.map((t) => ({
      slug: t.slug,
      name: t.name,
      accessRole: t.link.accessRole,
      available: t.tenantStatus === 'active' && (t.link.state === 'active' || t.link.state === 'expiring'),
      tenantStatus: t.tenantStatus,
      state: t.link.state,
      startsAt: t.link.startsAt,
      endsAt: t.link.endsAt,
    })),
  };
}

/**
 * The guard of every page under /t/all/: the workspace must be classified `one-or-all`, and the
 * caller must be partner staff at home who may switch tenants (else 404: the mode is not there
 * for them). Which tenants a list covers is the data function's (actingContexts).
 */
export async function allTenantsPage(id: WorkspaceId | null): Promise<RequestContext> {
  const ctx = await getHomePageContext();
  if ((id && workspace(id).tenancy !== 'one-or-all') || !can(ctx, 'partner.tenants.switch_context')) notFound();
  return ctx;
}

/** The shell of the All-tenants mode: its lists, and the user's own pages at home. */
export async function allTenantsShell(ctx: RequestContext): Promise<ShellProps> {
  const home = await shellFor(ctx);
  return {
    ...home,
    activeTenant: { slug: ALL_TENANTS, name: `All tenants (${home.allTenants ?? 0})` },
    nav: [
      ...workspaces.filter((w) => w.tenancy === 'one-or-all').map((w) => ({ id: w.id, label: w.label, group: w.group, href: workspaceHref(ALL_TENANTS, w) })),
      ...home.nav.filter((n) => n.group === 'account'),
    ],
  };
}

/** The All-tenants mode covers the managed tenants the user can act in right now. */
function allTenantsCount(switchable: Awaited<ReturnType<typeof listSwitchableTenants>>): number | null {
  const live = switchable.filter((t) => t.tenantStatus === 'active' && isLive(t.link.state)).length;
  return live > 0 ? live : null;
}

/**
 * The guard of the guides (/help): signed in (else to sign-in) and holding `account.read`, which
 * every role has (an account given no role yet has nothing to be guided through).
 */
export async function helpPage(): Promise<RequestContext> {
  const ctx = await getHomePageContext();
  if (!can(ctx, 'account.read')) forbidden();
  return ctx;
}

/** A detail page's id: a malformed one is simply not found (never a database error). */
export async function pageId(params: Promise<{ id: string }>): Promise<string> {
  const { id } = await params;
  if (!idSchema.safeParse(id).success) notFound();
  return id;
}

/** A data read whose NOT_FOUND is the page's 404 (another tenant's id, a deleted row). */
export function orNotFound<T>(read: Promise<T>): Promise<T> {
  return read.catch((error: unknown) => {
    if (error instanceof AppError && error.status === 404) notFound();
    throw error;
  });
}

/**
 * A list read for a page. A cursor that is not valid (an edited or stale URL) shows the first
 * page instead of an error; the API answers the same cursor with 422.
 */
export async function firstPageIfBadCursor<I extends { cursor?: string }, T>(read: (input: I) => Promise<T>, input: I): Promise<T> {
  try {
    return await read(input);
  } catch (error) {
    if (error instanceof AppError && error.code === 'VALIDATION_ERROR' && input.cursor) return read({ ...input, cursor: undefined });
    throw error;
  }
}

/**
 * A list page's URL parameters through the list's schema. A value that does not pass (an edited
 * URL: `sort=bogus`, `limit=7000`) is dropped and its default used, keeping the others; the API
 * answers the same values with 422.
 */
export function listParams<S extends z.ZodType>(schema: S, raw: Record<string, unknown>): z.output<S> {
  let input = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v !== ''));
  for (let attempt = 0; attempt < 10; attempt++) {
    const parsed = schema.safeParse(input);
    if (parsed.success) return parsed.data;
    const bad = new Set(parsed.error.issues.map((i) => String(i.path[0])));
    input = Object.fromEntries(Object.entries(input).filter(([k]) => !bad.has(k)));
  }
  return schema.parse({});
}

/**
 * The title of a page that sits beside its tenant layout (the overview): the layout's template
 * applies only below it, so the page names the tenant itself.
 */
export async function tenantTitle(params: Params, title: string): Promise<{ title: { absolute: string } }> {
  const { tenant } = await params;
  const ctx = await getPageContext(tenant);
  return { title: { absolute: `${title} · ${ctx.activeTenant.name} · Partner Portal` } };
}
