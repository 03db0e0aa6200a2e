import 'server-only';
import { revalidatePath } from 'next/cache';
import type { z } from 'zod';
import type { ActionResult } from './action-result';
import { currentMeta, getContext, readClaims } from '@/lib/auth/request';
import { endedAccess } from '@/lib/data/tenancy';
import { AppError } from '@/lib/errors';
import { assertCan, type Permission } from '@/lib/rbac';
import type { RequestContext, RequestMeta } from '@/lib/tenancy/context';
import { countOperation, countsAsOperation } from '@/lib/data/internal/usage';
import { CONTROL_CHARACTERS, controlCharacterPath } from '@/lib/validation/common';
import { workspace, type WorkspaceId } from '@/lib/workspaces';
import { log } from '@/lib/log';
import { countRefusal, metrics } from '@/lib/metrics';
import { fieldErrors, toErrorBody } from './errors';

export type { ActionResult };

/**
 * What a successful action makes stale: a workspace's pages (in the tenant its scope names: the
 * active one, or the user's home for home and platform workspaces), or the whole active tenant
 * (`'tenant'`: navigation, permissions or features changed).
 */
export type Revalidate = WorkspaceId | 'tenant';

function revalidate(ctx: RequestContext, target: Revalidate): void {
  if (target === 'tenant') return revalidatePath(`/t/${ctx.activeTenant.slug}`, 'layout');
  const w = workspace(target);
  revalidatePath(`/t/${w.scope === 'tenant' ? ctx.activeTenant.slug : ctx.homeTenant.slug}/${w.path}`, 'layout');
}

/**
 * The one shape of every server action: parse with the zod schema, resolve the context for the
 * tenant the page names, check the named permission, count the user's operation against their
 * quota, run the data function, revalidate what it changed, map errors.
 * Cross-site server actions are refused by proxy.ts (and Next.js).
 */
export function tenantAction<S extends z.ZodType, T>(
  spec: { permission: Permission; input: S; revalidate: Revalidate },
  fn: (ctx: RequestContext, input: z.infer<S>) => Promise<T>,
) {
  return async (tenantSlug: string, raw: z.input<S>): Promise<ActionResult<T>> => {
    const meta = await currentMeta();
    const bad = controlCharacterPath(raw);
    if (bad) return { ok: false, error: { code: 'VALIDATION_ERROR', message: CONTROL_CHARACTERS, requestId: meta.requestId }, fieldErrors: { [bad.join('.') || '_']: [CONTROL_CHARACTERS] } };
    const parsed = spec.input.safeParse(raw);
    if (!parsed.success) return invalid(parsed.error, meta.requestId);
    const started = performance.now();
    let ctx: RequestContext | null = null;
    const done = <R extends ActionResult<T>>(result: R): R => {
      metrics().actions.inc({ permission: spec.permission, outcome: result.ok ? 'ok' : result.error.code });
      if (!result.ok) countRefusal({ code: result.error.code });
      log('info', 'action', {
        requestId: meta.requestId,
        permission: spec.permission,
        ok: result.ok,
        code: result.ok ? null : result.error.code,
        ms: +(performance.now() - started).toFixed(1),
        tenantId: ctx?.activeTenant.id ?? null,
        userId: ctx?.user.id ?? null,
        via: ctx?.via ?? null,
      });
      return result;
    };
    try {
      ctx = await getContext({ slug: String(tenantSlug) }, meta);
      assertCan(ctx, spec.permission);
      if (countsAsOperation(spec.permission)) await countOperation(ctx);
      const data = await fn(ctx, parsed.data);
      revalidate(ctx, spec.revalidate);
      return done({ ok: true, data });
    } catch (error) {
      return done((await accessEnded(error, String(tenantSlug), meta)) ?? failed(error, meta.requestId));
    }
  };
}

/**
 * A write from a stale tab after the partner's link ended: the refusal names the tenant ("Your
 * access to Northwind Fiber ended: the link was revoked."), the code stays the API's.
 */
async function accessEnded(error: unknown, slug: string, meta: RequestMeta): Promise<ActionResult<never> | null> {
  if (!(error instanceof AppError) || (error.code !== 'TENANT_ACCESS_DENIED' && error.code !== 'TENANT_LINK_EXPIRED')) return null;
  const claims = await readClaims();
  const ended = claims ? await endedAccess(claims, slug, meta) : null;
  return ended ? { ok: false, error: { code: error.code, message: `Your access to ${ended.tenant} ended: ${ended.reason}.`, requestId: meta.requestId } } : null;
}

/** For the few actions that run before there is a session (setting a first password). */
export function publicAction<S extends z.ZodType, T>(input: S, fn: (data: z.infer<S>, meta: RequestMeta) => Promise<T>) {
  return async (raw: z.input<S>): Promise<ActionResult<T>> => {
    const meta = await currentMeta();
    const parsed = input.safeParse(raw);
    if (!parsed.success) return invalid(parsed.error, meta.requestId);
    try {
      return { ok: true, data: await fn(parsed.data, meta) };
    } catch (error) {
      return failed(error, meta.requestId);
    }
  };
}

function invalid(error: z.ZodError, requestId: string): ActionResult<never> {
  return {
    ok: false,
    error: { code: 'VALIDATION_ERROR', message: 'Check the highlighted fields.', requestId },
    fieldErrors: fieldErrors(error),
  };
}

function failed(error: unknown, requestId: string): ActionResult<never> {
  const { body } = toErrorBody(error, requestId);
  return { ok: false, error: { code: body.error.code, message: body.error.message, requestId } };
}
