import 'server-only';
import { decode, type JWT } from 'next-auth/jwt';
import { cookies, headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { resolveContext, type AuthClaims, type TargetTenant } from '@/lib/data/context';
import { enabledFeatures } from '@/lib/data/features';
import { env } from '@/lib/env';
import { AppError, isDatabaseUnavailable } from '@/lib/errors';
import type { RequestContext, RequestMeta } from '@/lib/tenancy/context';
import { requestMeta } from './meta';

const COOKIE_NAMES = ['__Secure-next-auth.session-token', 'next-auth.session-token'];

async function readToken(): Promise<JWT | null> {
  const jar = await cookies();
  const raw = COOKIE_NAMES.map((n) => jar.get(n)?.value).find(Boolean);
  if (!raw) return null;
  return decodeOnce(raw);
}

/**
 * Cookies this process has decrypted, by their text, until the token's own expiry. Decrypting
 * costs a key derivation (HKDF) and an AES-GCM decryption on every request (about 0.1 ms of a
 * read's 2.7, issue #12). Only a cookie our secret decrypted gets in, a bounded number of them;
 * the claims say nothing by themselves: resolveContext checks the session behind them against
 * the database on every request, so a signed-out or revoked session is refused at once.
 */
const decrypted = new Map<string, { token: JWT; expiresAt: number }>();
const DECRYPTED_MAX = 5_000;

async function decodeOnce(raw: string): Promise<JWT | null> {
  const now = Date.now() / 1000;
  const known = decrypted.get(raw);
  if (known && known.expiresAt > now) return known.token;
  if (known) decrypted.delete(raw);
  const token = await decode({ token: raw, secret: env().NEXTAUTH_SECRET }).catch(() => null);
  if (token && typeof token.exp === 'number' && token.exp > now) {
    // The oldest entry makes room (a Map iterates in insertion order).
    if (decrypted.size >= DECRYPTED_MAX) decrypted.delete(decrypted.keys().next().value!);
    decrypted.set(raw, { token, expiresAt: token.exp });
  }
  return token;
}

/** The claims in the next-auth cookie, or null. Whether they still stand is resolveContext's call. */
export async function readClaims(): Promise<AuthClaims | null> {
  const token = await readToken();
  if (!token || typeof token.sid !== 'string' || typeof token.sub !== 'string' || typeof token.tid !== 'string') {
    return null;
  }
  return { sessionId: token.sid, userId: token.sub, tenantId: token.tid };
}

/** The home tenant's slug from the cookie, for redirects only (never for authorization). */
export async function readHomeSlug(): Promise<string | null> {
  const token = await readToken();
  return typeof token?.slug === 'string' && /^[a-z0-9-]{3,40}$/.test(token.slug) ? token.slug : null;
}

export async function currentMeta(): Promise<RequestMeta> {
  return requestMeta(await headers());
}

/** For server actions: throws AppError (401, 403) for the action wrapper to map. */
export async function getContext(target: TargetTenant, meta?: RequestMeta): Promise<RequestContext> {
  const claims = await readClaims();
  if (!claims) throw new AppError('UNAUTHORIZED', 'Sign in to continue.');
  return resolveContext(claims, target, meta ?? (await currentMeta()));
}

/**
 * For pages: every page.tsx calls this itself (a layout is never the guard). Signed out goes to
 * the tenant's sign-in; a tenant the user cannot act in is simply not found. Memoised for the
 * one render, never across requests.
 */
export const getPageContext = cache(async (slug: string): Promise<RequestContext> => {
  const claims = await readClaims();
  if (!claims) redirect(`/t/${encodeURIComponent(slug)}/login`);
  try {
    return await resolveContext(claims, { slug }, await currentMeta());
  } catch (error) {
    if (error instanceof AppError && error.code === 'UNAUTHORIZED') redirect(`/t/${encodeURIComponent(slug)}/login`);
    if (error instanceof AppError && error.status === 403) notFound();
    if (isDatabaseUnavailable(error)) redirect(`/unavailable?from=${encodeURIComponent(`/t/${slug}`)}`);
    throw error;
  }
});

/**
 * For the All-tenants pages (/t/all/...): the caller at home. Signed out goes to the generic
 * sign-in; the rest is the page guard's (allTenantsPage).
 */
export const getHomePageContext = cache(async (): Promise<RequestContext> => {
  const claims = await readClaims();
  if (!claims) redirect('/login');
  try {
    return await resolveContext(claims, null, await currentMeta());
  } catch (error) {
    if (error instanceof AppError && error.code === 'UNAUTHORIZED') redirect('/login');
    if (isDatabaseUnavailable(error)) redirect(`/unavailable?from=${encodeURIComponent('/t/all')}`);
    throw error;
  }
});

/** The features on in the page's active tenant: read once per render (navigation and page share it). */
export const getPageFeatures = cache((ctx: RequestContext) => enabledFeatures(ctx));

/** The reader's first Accept-Language locale (for prices and dates), or en-US. */
export async function requestLocale(): Promise<string> {
  const first = (await headers()).get('accept-language')?.split(',')[0]?.split(';')[0]?.trim();
  if (!first) return 'en-US';
  try {
    return Intl.getCanonicalLocales(first)[0] ?? 'en-US';
  } catch {
    return 'en-US';
  }
}
