import { randomUUID } from 'node:crypto';
import { settings } from '@/lib/env';
import type { RequestMeta } from '@/lib/tenancy/context';

type HeaderSource = { get(name: string): string | null };

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;
const IP = /^[0-9a-fA-F:.]{2,45}$/;

/**
 * The client address: counted TRUSTED_PROXY_HOPS entries (default 1) from the right of
 * X-Forwarded-For, the part a trusted proxy appended. The leftmost entry is whatever the client
 * claimed and is never used. Next.js itself fills the header from the socket when it is absent.
 */
function clientIp(headers: HeaderSource): string | null {
  const hops = settings().TRUSTED_PROXY_HOPS;
  const chain = (headers.get('x-forwarded-for') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const ip = chain[Math.max(0, chain.length - hops)] ?? headers.get('x-real-ip');
  return ip?.replace(/^::ffff:/, '') ?? null;
}

/** Request id (a caller's X-Request-Id if well-formed), client IP and user agent. */
export function requestMeta(headers: HeaderSource): RequestMeta {
  const given = headers.get('x-request-id');
  const ip = clientIp(headers);
  return {
    requestId: given && REQUEST_ID.test(given) ? given : randomUUID(),
    ip: ip && IP.test(ip) ? ip : null,
    userAgent: headers.get('user-agent')?.slice(0, 400) ?? null,
  };
}
