import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { toErrorBody } from '@/lib/api/errors';
import { AppError } from '@/lib/errors';

describe('the error shape', () => {
  it('answers 503 SERVICE_UNAVAILABLE when PostgreSQL refuses connections, without leaking the cause', async () => {
    const dead = postgres('postgres://nobody:secret@127.0.0.1:1/none', { max: 1, connect_timeout: 2 });
    const error = await dead`select 1`.catch((e: unknown) => e);
    await dead.end();
    const { status, body } = toErrorBody(error, 'req-1');
    expect(status).toBe(503);
    expect(body).toEqual({
      error: { code: 'SERVICE_UNAVAILABLE', message: expect.any(String), details: {}, requestId: 'req-1' },
    });
    expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|secret|ECONNREFUSED/);
  });

  it('answers 500 INTERNAL_ERROR for anything unexpected, with no stack or SQL', () => {
    const { status, body } = toErrorBody(new Error('syntax error at or near "selec" in select * from users'), 'req-2');
    expect(status).toBe(500);
    expect(JSON.stringify(body)).not.toMatch(/syntax|users|at /);
  });

  it('maps AppError codes to their status', () => {
    expect(toErrorBody(new AppError('TENANT_LINK_EXPIRED', 'expired'), 'r').status).toBe(403);
    expect(toErrorBody(new AppError('RATE_LIMIT_EXCEEDED', 'slow down'), 'r').status).toBe(429);
  });
});
