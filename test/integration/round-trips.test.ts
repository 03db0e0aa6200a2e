import { afterAll, describe, expect, it } from 'vitest';
import { resolveContext } from '@/lib/data/context';
import { listUsers } from '@/lib/data/users';
import { roundTripProxy } from '../support/round-trips';
import { ALICE, meta, openSession, owner } from '../support/world';

// The app's pool goes through a counting proxy (this file's own: each test file runs in its own
// process, and the pool and environment are made on first use).
const proxy = await roundTripProxy(process.env.DATABASE_APP_URL!);
process.env.DATABASE_APP_URL = proxy.url;
afterAll(() => proxy.close());

/**
 * The round trips a call waits for: flights sent before it returned. A read-only transaction's
 * COMMIT, sent as it returns and answered afterwards, is not waited for; a pause first lets the
 * previous call's settle.
 */
async function roundTrips(call: () => Promise<unknown>): Promise<number> {
  await new Promise((r) => setTimeout(r, 100));
  const before = proxy.trips();
  await call();
  return proxy.trips() - before;
}

/** The fewest round trips over a few calls, once each statement is prepared on the connection. */
async function steady(call: () => Promise<unknown>): Promise<number> {
  const counts = [];
  for (let i = 0; i < 4; i++) counts.push(await roundTrips(call));
  return Math.min(...counts.slice(1));
}

describe('round trips per request (issue #12)', () => {
  // Each test has a database of its own (a fresh clone), so each opens its own sessions.
  it('resolving the context takes one statement: at most 2 round trips', async () => {
    const admin = await openSession('northwind', 'admin@northwind.example');
    expect(await steady(() => resolveContext(admin, null, meta))).toBeLessThanOrEqual(2);
  });

  it('a list at home (context, then the read) takes at most 2', async () => {
    const admin = await openSession('northwind', 'admin@northwind.example');
    expect(await steady(async () => listUsers(await resolveContext(admin, null, meta), { limit: 50 }))).toBeLessThanOrEqual(2);
  });

  it('a list through a link (context, the read, its audit row, durable before it returns) takes at most 3', async () => {
    const audited = async () => (await owner()`select count(*)::int as n from audit_events where action = 'users.list' and via = 'link'`)[0]!.n as number;
    const alice = await openSession(...ALICE);
    const before = await audited();
    expect(await steady(async () => listUsers(await resolveContext(alice, { slug: 'northwind' }, meta), { limit: 50 }))).toBeLessThanOrEqual(3);
    // Every read was audited, and each row was committed before the call returned.
    expect(await audited()).toBe(before + 4);
  });
});
