import { describe, expect, it } from 'vitest';
import { requestMeta } from '@/lib/auth/meta';

const headers = (h: Record<string, string>) => new Headers(h);

describe('request metadata', () => {
  it('takes the client address a trusted proxy appended, not the one the client claimed', () => {
    expect(requestMeta(headers({ 'x-forwarded-for': '6.6.6.6, 203.0.113.9' })).ip).toBe('203.0.113.9');
    expect(requestMeta(headers({ 'x-forwarded-for': '::ffff:127.0.0.1' })).ip).toBe('127.0.0.1');
    expect(requestMeta(headers({ 'x-forwarded-for': 'not an ip' })).ip).toBeNull();
  });

  it("keeps a caller's well-formed request id and replaces anything else", () => {
    expect(requestMeta(headers({ 'x-request-id': 'abc-12345678' })).requestId).toBe('abc-12345678');
    expect(requestMeta(headers({ 'x-request-id': '<script>' })).requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
