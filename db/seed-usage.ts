import { and, eq, inArray, like } from 'drizzle-orm';
import type { Tx } from './client';
import { sessions, usageOperations, users } from './schema';
import { random } from './seed-tickets';

// Sixty days of sign-ins and six of operations by a managed tenant's generated subscribers, so the
// usage report has active users, sessions and operations on a fresh demo world (issue 16's
// report read zero for them), none before the user's own creation. Only generated users (first.last.N@domain), never a named demo
// user whose quota or sessions a journey counts; every session has ended (expired), and no
// operation is today's, so no one starts near a daily limit. Fixed seed: every world is the same.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export async function seedUsageHistory(tx: Tx, tenantId: string, opts: { seed: number; users: number }): Promise<void> {
  const people = await tx
    .select({ id: users.id, createdAt: users.createdAt })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), like(users.email, '%.%.%@%'), inArray(users.type, ['basic', 'advanced', 'company']), eq(users.status, 'active')))
    .orderBy(users.createdAt)
    .limit(opts.users);
  const next = random(opts.seed);
  const today = new Date();
  today.setUTCHours(0, 0, 0, 0);
  const rows: (typeof sessions.$inferInsert)[] = [];
  const ops: (typeof usageOperations.$inferInsert)[] = [];
  for (let d = 1; d <= 60; d++) {
    // More people on weekdays, a slow rise towards today.
    const day = today.getTime() - d * DAY;
    const weekday = new Date(day).getUTCDay() % 6 !== 0;
    const share = (weekday ? 0.3 : 0.18) + 0.1 * (1 - d / 60);
    for (const p of people) {
      if (next() > share || day < p.createdAt.getTime()) continue;
      const created = new Date(day + (7 + next() * 14) * HOUR);
      rows.push({ tenantId, userId: p.id, createdAt: created, lastSeenAt: new Date(created.getTime() + next() * 40 * 60_000), expiresAt: new Date(created.getTime() + 8 * HOUR) });
      if (d <= 6) for (let n = Math.floor(next() * 4); n > 0; n--) ops.push({ tenantId, userId: p.id, at: new Date(created.getTime() + next() * 30 * 60_000) });
    }
  }
  for (let i = 0; i < rows.length; i += 500) await tx.insert(sessions).values(rows.slice(i, i + 500));
  for (let i = 0; i < ops.length; i += 500) await tx.insert(usageOperations).values(ops.slice(i, i + 500));
}
