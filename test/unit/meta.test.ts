import { describe, expect, it } from 'vitest';
import { requestMeta } from '@/lib/auth/meta';

const headers = (h: Record<string, string>) => new Headers(h);

describe('request metadata', () => {
  it('with no trusted proxy (the default), takes the socket peer and ignores what the client claims', () => {
    expect(requestMeta(headers({ 'x-forwarded-for': '6.6.6.6', 'x-portal-peer': '::ffff:127.0.0.1' })).ip).toBe('127.0.0.1');
    expect(requestMeta(headers({ 'x-forwarded-for': '6.6.6.6, 7.7.7.7', 'x-portal-peer': '203.0.113.9' })).ip).toBe('203.0.113.9');
    expect(requestMeta(headers({ 'x-portal-peer': '198.51.100.4' })).ip).toBe('198.51.100.4');
    // Without a peer (another server in front of Next.js), the last entry stands in for it.
    expect(requestMeta(headers({ 'x-forwarded-for': '6.6.6.6, 203.0.113.9' })).ip).toBe('203.0.113.9');
    expect(requestMeta(headers({ 'x-forwarded-for': 'not an ip' })).ip).toBeNull();
  });

  it("keeps a caller's well-formed request id and replaces anything else", () => {
    expect(requestMeta(headers({ 'x-request-id': 'abc-12345678' })).requestId).toBe('abc-12345678');
    expect(requestMeta(headers({ 'x-request-id': '<script>' })).requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
