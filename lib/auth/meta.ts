import { randomUUID } from 'node:crypto';
import type { RequestMeta } from '@/lib/tenancy/context';

type HeaderSource = { get(name: string): string | null };

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;
const IP = /^[0-9a-fA-F:.]{2,45}$/;

/** Request id (a caller's X-Request-Id if well-formed), client IP and user agent. */
export function requestMeta(headers: HeaderSource): RequestMeta {
  const given = headers.get('x-request-id');
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim() ?? headers.get('x-real-ip');
  const ip = forwarded?.replace(/^::ffff:/, '') ?? null;
  return {
    requestId: given && REQUEST_ID.test(given) ? given : randomUUID(),
    ip: ip && IP.test(ip) ? ip : null,
    userAgent: headers.get('user-agent')?.slice(0, 400) ?? null,
  };
}
