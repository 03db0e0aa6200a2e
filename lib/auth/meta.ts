import { randomUUID } from 'node:crypto';
import { settings } from '@/lib/env';
import type { RequestMeta } from '@/lib/tenancy/context';

type HeaderSource = { get(name: string): string | null };

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;
const IP = /^[0-9a-fA-F:.]{2,45}$/;

/** Set by scripts/serve.ts from the socket, replacing anything a client sent under that name. */
export const PEER_HEADER = 'x-portal-peer';

/**
 * The client address. The hops are X-Forwarded-For's entries followed by the socket's peer
 * (`x-portal-peer`); with TRUSTED_PROXY_HOPS = 0 (the default: the portal is reached directly)
 * the peer is the client and X-Forwarded-For is ignored; with N proxies in front, the entry N
 * places left of the peer is the one the outermost trusted proxy saw. What the client claimed
 * further left is never used. Without a peer (a server other than scripts/serve.ts), the last
 * X-Forwarded-For entry stands in for it (Next.js fills the header from the socket when absent).
 */
function clientIp(headers: HeaderSource): string | null {
  const hops = settings().TRUSTED_PROXY_HOPS;
  const forwarded = (headers.get('x-forwarded-for') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const peer = headers.get(PEER_HEADER)?.trim() || null;
  const chain = peer ? [...forwarded, peer] : forwarded;
  const ip = chain.length ? chain[Math.max(0, chain.length - 1 - hops)] : headers.get('x-real-ip');
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
