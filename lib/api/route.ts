import 'server-only';
import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { readClaims } from '@/lib/auth/request';
import { resolveApiContext, resolveKeyApiContext } from '@/lib/data/context';
import { parseAuthorization } from '@/lib/auth/api-key';
import { requestMeta } from '@/lib/auth/meta';
import { AppError, notFound, unauthorized } from '@/lib/errors';
import { tenantOfProviderCode } from '@/lib/data/compat';
import { providerCodeSchema } from '@/lib/validation/compat';
import { assertCan, type Permission } from '@/lib/rbac';
import type { RequestContext } from '@/lib/tenancy/context';
import type { RateClass } from '@/lib/config/rate-limits';
import type { BucketState } from '@/lib/data/internal/rate-limit';
import { countOperation, countsAsOperation } from '@/lib/data/internal/usage';
import { CONTROL_CHARACTERS, controlCharacterPath } from '@/lib/validation/common';
import { log } from '@/lib/log';
import { countRefusal, metrics } from '@/lib/metrics';
import { toErrorBody } from './errors';
import { isCrossSite } from './origin';

type Schema = z.ZodType;
type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;

type Spec<Q, P, B> = {
  /** The permission this entry point needs in the active tenant. */
  permission: Permission;
  /** Rate-limit class; by default GET with an id is detail, other GETs list, the rest write. */
  rate?: RateClass;
  query?: Q;
  params?: P;
  body?: B;
  /**
   * The documents' API names the tenant by `provider_id` (in the query or the JSON body) instead
   * of X-Active-Tenant-Id. A code the caller cannot act in (unknown, unlinked, stopped) is 404
   * `Partner not found`, one answer for all, so codes cannot be probed.
   */
  provider?: 'query' | 'body';
  /**
   * The documents' API answers in its contract's statuses: invalid input and a state conflict are
   * 400 (the body keeps the portal's code), and a 401 asks for Basic credentials.
   */
  contract?: 'documents';
};

type Args<Q, P, B> = { ctx: RequestContext; query: Infer<Q>; params: Infer<P>; body: Infer<B>; req: NextRequest };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const tenantHeader = z.uuid({ message: 'X-Active-Tenant-Id must be a tenant id (UUID).' });

/**
 * The one way into the API: Origin check on mutations, context (session, X-Active-Tenant-Id,
 * link), permission, zod parsing of params, query and body, and one error shape.
 */
export function apiRoute<Q extends Schema | undefined, P extends Schema | undefined, B extends Schema | undefined>(
  spec: Spec<Q, P, B>,
  handler: (args: Args<Q, P, B>) => Promise<unknown>,
) {
  // The spec rides on the handler: the OpenAPI document (lib/api/openapi.ts) is built from the
  // very schemas the route parses with.
  return Object.assign(routeHandler(spec, handler), { spec: spec as RouteSpec });
}

/** What an /api/v1 handler declares: its permission, rate class and zod schemas. */
export type RouteSpec = { permission: Permission; rate?: RateClass; query?: Schema; params?: Schema; body?: Schema; provider?: 'query' | 'body'; contract?: 'documents' };

function routeHandler<Q extends Schema | undefined, P extends Schema | undefined, B extends Schema | undefined>(
  spec: Spec<Q, P, B>,
  handler: (args: Args<Q, P, B>) => Promise<unknown>,
) {
  return async (req: NextRequest, routeArg: { params: Promise<Record<string, string>> }): Promise<Response> => {
    const started = performance.now();
    const meta = requestMeta(req.headers);
    // Tenant data: no browser or proxy may keep a copy.
    const extra = new Headers({ 'X-Request-Id': meta.requestId, 'Cache-Control': 'private, no-store' });
    let acting: RequestContext | null = null;
    let providerNamed = false;
    // The route's pattern (`/api/v1/users/[id]`), whatever values the caller put in it: a label
    // set an attacker cannot grow.
    let route = '(unparsed)';
    const done = (response: Response): Response => {
      const via = acting?.via ?? 'none';
      const m = metrics();
      m.requests.inc({ route, method: req.method, status: String(response.status), via });
      m.latency.observe({ route, method: req.method, via }, (performance.now() - started) / 1000);
      log('info', 'request', {
        requestId: meta.requestId,
        method: req.method,
        route,
        status: response.status,
        ms: +(performance.now() - started).toFixed(1),
        tenantId: acting?.activeTenant.id ?? null,
        userId: acting?.user.id ?? null,
        via: acting?.via ?? null,
        apiKeyId: acting?.apiKey?.id ?? null,
      });
      return response;
    };
    try {
      const routeParams = (await routeArg?.params) ?? {};
      route = patternOf(req.nextUrl.pathname, routeParams);
      // An API key (Bearer or Basic) or the browser's session cookie; a key is no cookie, so no
      // other site can make a browser send it, and the Origin check is the cookie's alone.
      const key = parseAuthorization(req.headers.get('authorization'));
      if (key === 'invalid') {
        extra.set('WWW-Authenticate', 'Bearer realm="partner-portal", Basic realm="partner-portal"');
        throw unauthorized('The Authorization header is not an API key: send "Bearer pp_live_<id>_<secret>", or Basic with the key id and secret.');
      }
      if (!key && !SAFE_METHODS.has(req.method)) assertSameOrigin(req);
      const claims = key ? null : await readClaims();
      if (!key && !claims) throw unauthorized();
      const header = req.headers.get('x-active-tenant-id');
      let target = header === null ? null : { id: parseOrThrow(tenantHeader, header.trim(), 'X-Active-Tenant-Id') };
      if (spec.provider) {
        const named = await providerTarget(req, spec.provider);
        if (named) {
          target = named;
          providerNamed = true;
        }
      }

      const rateClass = spec.rate ?? defaultRateClass(req.method, routeParams);
      const { ctx, buckets } = key ? await resolveKeyApiContext(key, target, meta, rateClass) : await resolveApiContext(claims!, target, meta, rateClass);
      acting = ctx;
      if (ctx.via === 'link') {
        extra.set('X-Active-Tenant-Id', ctx.activeTenant.id);
        extra.set('X-Cross-Tenant-Access', 'true');
      }
      enforceRateLimit(buckets, extra);
      assertCan(ctx, spec.permission);
      const params = spec.params ? parseOrThrow(spec.params, routeParams, 'params') : undefined;
      const query = spec.query
        ? parseOrThrow(spec.query, Object.fromEntries(req.nextUrl.searchParams), 'query')
        : undefined;
      const body = spec.body ? parseOrThrow(spec.body, await readJson(req), 'body') : undefined;
      if (countsAsOperation(spec.permission)) {
        const usage = await countOperation(ctx);
        if (usage.warning) extra.set('X-Usage-Warning', usage.warning);
      }
      const result = await handler({ ctx, query, params, body, req } as Args<Q, P, B>);
      // The time this instance spent on the call, for operators and the bench (no detail beyond it).
      extra.set('Server-Timing', `app;dur=${(performance.now() - started).toFixed(1)}`);
      return done(withHeaders(result instanceof Response ? result : NextResponse.json(result), extra));
    } catch (caught) {
      // A provider code the caller may not act in answers like one that does not exist.
      const error = providerNamed && caught instanceof AppError && (caught.code === 'TENANT_ACCESS_DENIED' || caught.code === 'TENANT_LINK_EXPIRED') ? notFound('Partner') : caught;
      const answer = toErrorBody(error, meta.requestId);
      let { status } = answer;
      if (error instanceof AppError && typeof error.details.retryAfterSeconds === 'number') {
        extra.set('Retry-After', String(error.details.retryAfterSeconds));
      }
      if (spec.contract === 'documents') {
        if (answer.body.error.code === 'VALIDATION_ERROR' || answer.body.error.code === 'CONFLICT') status = 400;
        if (status === 401) extra.set('WWW-Authenticate', 'Basic realm="partner-portal"');
      }
      countRefusal(error);
      return done(withHeaders(NextResponse.json(answer.body, { status }), extra));
    }
  };
}

/** The tenant a request's `provider_id` names (query or JSON body), or null when it names none. */
async function providerTarget(req: NextRequest, from: 'query' | 'body'): Promise<{ id: string } | null> {
  let code: unknown = null;
  if (from === 'query') code = req.nextUrl.searchParams.get('provider_id');
  else {
    try {
      code = (JSON.parse(await req.clone().text()) as { provider_id?: unknown } | null)?.provider_id ?? null;
    } catch {
      return null; // the body's own parse reports it
    }
  }
  if (code === null || code === undefined) return null;
  const valid = parseOrThrow(providerCodeSchema, code, `${from}.provider_id`);
  const id = await tenantOfProviderCode(valid);
  // No such code: a tenant id nobody has, so the refusal below is the same as for a foreign one.
  return { id: id ?? NO_TENANT };
}
const NO_TENANT = '00000000-0000-4000-8000-000000000000';

/** A path with each route parameter's value put back as its name: `/api/v1/users/[id]/roles`. */
function patternOf(path: string, params: Record<string, string>): string {
  const byValue = new Map(Object.entries(params).map(([k, v]) => [v, k]));
  const decoded = (segment: string) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      return segment;
    }
  };
  return path
    .split('/')
    .map((segment) => {
      const name = byValue.get(decoded(segment)) ?? byValue.get(segment);
      return name ? `[${name}]` : segment;
    })
    .join('/');
}

function defaultRateClass(method: string, params: Record<string, string>): RateClass {
  if (!SAFE_METHODS.has(method)) return 'write';
  return Object.keys(params).length > 0 ? 'detail' : 'list';
}

/** The call was counted with its context; the caller's own bucket fills the headers. */
function enforceRateLimit(states: BucketState[], headers: Headers): void {
  const own = states[0]!;
  headers.set('X-RateLimit-Limit', String(own.limit));
  headers.set('X-RateLimit-Remaining', String(own.remaining));
  headers.set('X-RateLimit-Reset', String(own.resetAt));
  const exceeded: BucketState | undefined = states.find((b) => b.count > b.limit);
  if (!exceeded) return;
  if (exceeded !== own) {
    headers.set('X-RateLimit-Limit', String(exceeded.limit));
    headers.set('X-RateLimit-Remaining', '0');
    headers.set('X-RateLimit-Reset', String(exceeded.resetAt));
  }
  throw new AppError('RATE_LIMIT_EXCEEDED', `Too many requests: at most ${exceeded.limit} per ${exceeded.windowSeconds === 3600 ? 'hour' : 'minute'}${exceeded === own ? '' : ' through this link'}. Retry after ${exceeded.retryAfter} s.`, {
    limit: exceeded.limit,
    windowSeconds: exceeded.windowSeconds,
    retryAfterSeconds: exceeded.retryAfter,
  });
}

function withHeaders(response: Response, headers: Headers): Response {
  headers.forEach((value, key) => response.headers.set(key, value));
  return response;
}

/** Public endpoints (health) still answer in the one error shape. */
export function publicRoute(handler: (req: NextRequest) => Promise<Response>) {
  return async (req: NextRequest): Promise<Response> => {
    const meta = requestMeta(req.headers);
    try {
      return withRequestId(await handler(req), meta.requestId);
    } catch (error) {
      const { status, body } = toErrorBody(error, meta.requestId);
      const response = withRequestId(NextResponse.json(body, { status }), meta.requestId);
      if (error instanceof AppError && typeof error.details.retryAfterSeconds === 'number') response.headers.set('Retry-After', String(error.details.retryAfterSeconds));
      return response;
    }
  };
}

function withRequestId(response: Response, requestId: string): Response {
  response.headers.set('X-Request-Id', requestId);
  return response;
}

/** Parses one part of a request (query, params, body, a multipart form) into the one error shape. */
export function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const bad = controlCharacterPath(value);
  if (bad) throw new AppError('VALIDATION_ERROR', 'The request is not valid.', { fieldErrors: { [[where, ...bad].join('.')]: [CONTROL_CHARACTERS] } });
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const details: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) {
    const key = [where, ...issue.path].join('.');
    (details[key] ??= []).push(issue.message);
  }
  throw new AppError('VALIDATION_ERROR', 'The request is not valid.', { fieldErrors: details });
}

async function readJson(req: NextRequest): Promise<unknown> {
  try {
    // No body at all (POST .../acknowledge): undefined, which a schema with a default accepts.
    const text = await req.text();
    return text.trim() === '' ? undefined : JSON.parse(text);
  } catch {
    throw new AppError('VALIDATION_ERROR', 'The request body must be JSON.');
  }
}

function assertSameOrigin(req: NextRequest) {
  if (isCrossSite(req.headers)) {
    throw new AppError('FORBIDDEN', 'Cross-site requests are not allowed.', { origin: req.headers.get('origin') });
  }
}
