import { describe, expect, it } from 'vitest';
import { listAuditEvents, startAuditExport } from '@/lib/data/audit-log';
import { listTickets } from '@/lib/data/tickets';
import { listUsers } from '@/lib/data/users';
import { listAuditSchema } from '@/lib/validation/audit';
import { controlCharacterPath, encodeCursor } from '@/lib/validation/common';
import { contextFor } from '../support/world';

const admin = () => contextFor('northwind', 'admin@northwind.example');

describe('hostile input gets a 422, never a database error', () => {
  it('finds a control character anywhere in an input, and allows tabs and new lines', () => {
    expect(controlCharacterPath({ search: 'a\u0000b' })).toEqual(['search']);
    expect(controlCharacterPath({ body: { tags: ['ok', 'x\u001b'] } })).toEqual(['body', 'tags', 1]);
    expect(controlCharacterPath({ description: 'line one\nline two\tindented\r\n' })).toBeNull();
  });

  it('refuses forged cursors on every keyset list as VALIDATION_ERROR on cursor', async () => {
    const ctx = await admin();
    const forged = [
      encodeCursor({ c: 'not-a-date', i: '00000000-0000-4000-8000-000000000000' }),
      encodeCursor({ c: 'x', s: 1 }),
      'bm90LWpzb24',
      encodeCursor({ c: '0000-01-01 00:00:00+00', i: 'nope' }),
    ];
    for (const cursor of forged) {
      await expect(listUsers(ctx, { cursor })).rejects.toMatchObject({ code: 'VALIDATION_ERROR', details: { fieldErrors: { cursor: expect.any(Array) } } });
      await expect(listTickets(ctx, { cursor })).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
      await expect(listAuditEvents(ctx, { cursor })).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    }
    // A real cursor still pages.
    const first = await listUsers(ctx, { limit: 5 });
    expect((await listUsers(ctx, { limit: 5, cursor: first.nextCursor! })).items).toHaveLength(5);
  });

  it('refuses dates outside years 2000 to 2999 before they reach a query', async () => {
    for (const from of ['0000-01-01', '0000-12-31T00:00:00Z', '275760-09-13']) {
      expect(listAuditSchema.safeParse({ from }).success, from).toBe(false);
    }
    await expect(startAuditExport(await admin(), { to: '0000-12-31T00:00:00Z' })).rejects.toMatchObject({ name: 'ZodError' });
    expect(listAuditSchema.safeParse({ from: '2026-01-01', to: '2026-12-31T23:59:59Z' }).success).toBe(true);
  });
});
