import 'server-only';
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { inTenantScope, type Tx } from '../tx';

// Deliberately unscoped by request: the sealing job and the verify action run per tenant id.

const GENESIS = '0'.repeat(64);
const BATCH = 5000;

export const digestHash = (prevHash: string, eventHashes: readonly string[]) =>
  createHash('sha256').update(prevHash).update(eventHashes.join('\n')).digest('hex');

async function lastDigest(tx: Tx, tenantId: string) {
  const rows = await tx.execute<{ digest_no: number; hash: string }>(sql`
    select digest_no, hash from audit_digests where tenant_id = ${tenantId}
    order by digest_no desc limit 1`);
  return rows[0] ?? null;
}

/**
 * Seals the tenant's not-yet-sealed events, in sequence order, into digests chained to the
 * previous digest. Writers never wait: they only insert events; an event whose transaction
 * commits late is simply sealed by the next run. Returns how many events were sealed.
 */
export async function unsafeSealTenantAudit(tenantId: string): Promise<number> {
  let total = 0;
  for (;;) {
    const sealed = await inTenantScope({ tenantId }, async (tx) => {
      const [lock] = await tx.execute<{ ok: boolean }>(
        sql`select pg_try_advisory_xact_lock(hashtext('audit-seal'), hashtext(${tenantId})) as ok`,
      );
      if (!lock?.ok) return 0;
      const pending = await tx.execute<{ seq: number; hash: string }>(sql`
        select e.seq::float8 as seq, audit_event_hash(e) as hash from audit_events e
        where e.tenant_id = ${tenantId}
          and not exists (select 1 from audit_digest_events d where d.tenant_id = ${tenantId} and d.event_seq = e.seq)
        order by e.seq limit ${BATCH}`);
      if (pending.length === 0) return 0;
      const prev = await lastDigest(tx, tenantId);
      const digestNo = (prev?.digest_no ?? 0) + 1;
      const prevHash = prev?.hash ?? GENESIS;
      const hashes = pending.map((p) => p.hash);
      await tx.execute(sql`
        insert into audit_digests (tenant_id, digest_no, event_count, first_seq, last_seq, prev_hash, hash)
        values (${tenantId}, ${digestNo}, ${pending.length}, ${pending[0]!.seq}, ${pending.at(-1)!.seq},
                ${prevHash}, ${digestHash(prevHash, hashes)})`);
      await tx.execute(sql`
        insert into audit_digest_events (tenant_id, event_seq, digest_no, event_hash)
        select ${tenantId}, x.s, ${digestNo}, x.h
        from jsonb_to_recordset(${JSON.stringify(pending.map((p) => ({ s: p.seq, h: p.hash })))}::jsonb) as x(s bigint, h text)`);
      return pending.length;
    });
    total += sealed;
    if (sealed < BATCH) return total;
  }
}

export type ChainVerdict =
  | { ok: true; digests: number; events: number }
  | {
      ok: false;
      digests: number;
      events: number;
      problem: 'event_modified' | 'event_deleted' | 'digest_altered';
      digestNo: number;
      eventSeq: number | null;
    };

/** Recomputes the tenant's chain and names the first event (or digest) that no longer matches. */
export async function unsafeVerifyTenantAudit(tenantId: string): Promise<ChainVerdict> {
  return inTenantScope({ tenantId }, async (tx) => {
    const digests = await tx.execute<{ digest_no: number; prev_hash: string; hash: string }>(sql`
      select digest_no, prev_hash, hash from audit_digests where tenant_id = ${tenantId} order by digest_no`);
    let prevHash = GENESIS;
    let events = 0;
    for (const digest of digests) {
      const rows = await tx.execute<{ seq: number; stored: string; actual: string | null }>(sql`
        select d.event_seq::float8 as seq, d.event_hash as stored,
               case when e.seq is null then null else audit_event_hash(e) end as actual
        from audit_digest_events d
        left join audit_events e on e.tenant_id = d.tenant_id and e.seq = d.event_seq
        where d.tenant_id = ${tenantId} and d.digest_no = ${digest.digest_no}
        order by d.event_seq`);
      const fail = (problem: 'event_modified' | 'event_deleted' | 'digest_altered', eventSeq: number | null) =>
        ({ ok: false, digests: digests.length, events, problem, digestNo: digest.digest_no, eventSeq }) as const;
      for (const r of rows) {
        if (r.actual === null) return fail('event_deleted', r.seq);
        if (r.actual !== r.stored) return fail('event_modified', r.seq);
        events++;
      }
      if (digest.prev_hash !== prevHash || digestHash(prevHash, rows.map((r) => r.stored)) !== digest.hash) {
        return fail('digest_altered', null);
      }
      prevHash = digest.hash;
    }
    return { ok: true, digests: digests.length, events };
  });
}
