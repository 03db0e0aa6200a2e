import { randomUUID } from 'node:crypto';
import { resolveContext, type AuthClaims } from '@/lib/data/context';
import type { RequestContext } from '@/lib/tenancy/context';
import { owner } from './owner';

export { owner };

export const meta = { requestId: 'test-request', ip: '127.0.0.1', userAgent: 'vitest' };

export async function tenantId(slug: string): Promise<string> {
  const [row] = await owner()`select id from tenants where slug = ${slug}`;
  if (!row) throw new Error(`no tenant ${slug}`);
  return row.id as string;
}

export async function userId(slug: string, email: string): Promise<string> {
  const [row] = await owner()`
    select u.id from users u join tenants t on t.id = u.tenant_id where t.slug = ${slug} and lower(u.email) = ${email}`;
  if (!row) throw new Error(`no user ${email} in ${slug}`);
  return row.id as string;
}

/** A live session row, as sign-in would create it. */
export async function openSession(slug: string, email: string): Promise<AuthClaims> {
  const tid = await tenantId(slug);
  const uid = await userId(slug, email);
  const sid = randomUUID();
  await owner()`insert into sessions (tenant_id, id, user_id, expires_at) values (${tid}, ${sid}, ${uid}, now() + interval '1 hour')`;
  return { sessionId: sid, userId: uid, tenantId: tid };
}

/** Resolves a request context for a user, optionally acting in another tenant (by slug). */
export async function contextFor(slug: string, email: string, activeSlug?: string): Promise<RequestContext> {
  const claims = await openSession(slug, email);
  return resolveContext(claims, activeSlug ? { slug: activeSlug } : null, meta);
}

export const ALICE = ['acme-msp', 'alice@acme-msp.example'] as const;
export const SAM = ['acme-msp', 'sam@acme-msp.example'] as const;
export const AUDREY = ['acme-msp', 'audrey@acme-msp.example'] as const;
