/**
 * The integrations part of `npm run bench`: webhook fan-out (10,000 events to 10 local
 * endpoints, every delivery signed, sent over HTTP and recorded: deliveries per second and the
 * p99 delay from an event's commit to its arrival), and the daily digest for 10,000 users due at
 * once. In this process, against the runtime role; the receivers are local HTTP servers.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import postgres from 'postgres';

type Pct = (xs: number[], p: number) => number;

export async function integrationsBench(ownerUrl: string, appUrl: string, opts: { events: number; endpoints: number; digestUsers: number; pct: Pct; log: (m: string) => void }) {
  process.env.DATABASE_APP_URL = appUrl;
  process.env.NEXTAUTH_SECRET ??= 'bench-secret-bench-secret-bench-secret-00';
  process.env.WEBHOOKS_ALLOW_HTTP_LOCALHOST = '1';
  const { inTenantScope } = await import('../lib/data/tx');
  const { emitEvents } = await import('../lib/data/internal/webhook-events');
  const { unsafeDeliverWebhooks } = await import('../lib/data/internal/webhook-deliver');
  const { unsafeSendDigests } = await import('../lib/data/internal/digest');
  const owner = postgres(ownerUrl, { max: 2, onnotice: () => {} });
  const servers: Server[] = [];
  try {
    // --- Webhook fan-out -----------------------------------------------------------------
    const arrivals: number[] = [];
    const ports: number[] = [];
    for (let i = 0; i < opts.endpoints; i++) {
      const server = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const ts = Number(req.headers['webhook-timestamp'] ?? 0) * 1000;
          // Delay from the event's timestamp (its creation) to here.
          const sent = Date.parse((JSON.parse(Buffer.concat(chunks).toString('utf8')) as { timestamp: string }).timestamp);
          arrivals.push(Date.now() - (Number.isFinite(sent) ? sent : ts));
          res.writeHead(200).end('ok');
        });
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      servers.push(server);
      ports.push((server.address() as AddressInfo).port);
    }
    const [tenant] = await owner`select id from tenants where slug = 'globex'`;
    const tenantId = tenant!.id as string;
    await owner`delete from webhook_endpoints where tenant_id = ${tenantId} and description = 'bench'`;
    for (const port of ports) {
      await owner`insert into webhook_endpoints (tenant_id, url, description, event_types, secret, created_by_label)
        values (${tenantId}, ${`http://127.0.0.1:${port}/hook`}, 'bench', ${owner.array(['ticket.created'])}, ${`whsec_${Buffer.from(`bench-secret-${port}-0123456789ab`).toString('base64')}`}, 'bench')`;
    }
    // The events, committed in batches of 1,000 as a busy tenant's changes would be.
    const emitStart = performance.now();
    for (let i = 0; i < opts.events; i += 1000) {
      const n = Math.min(1000, opts.events - i);
      await inTenantScope({ tenantId }, (tx) => emitEvents(tx, tenantId, 'ticket.created', Array.from({ length: n }, (_, j) => ({ ticket_id: `bench-${i + j}`, number: `TKT-${i + j}` }))));
    }
    const emitSeconds = (performance.now() - emitStart) / 1000;
    const expected = opts.events * opts.endpoints;
    const start = performance.now();
    let rounds = 0;
    while (arrivals.length < expected && rounds < 10_000) {
      rounds += 1;
      const r = await unsafeDeliverWebhooks();
      if (r.tenants === 0 && arrivals.length < expected) await new Promise((res) => setTimeout(res, 50));
    }
    const seconds = (performance.now() - start) / 1000;
    const [left] = await owner`select count(*) filter (where status = 'pending')::int as pending, count(*) filter (where status = 'delivered')::int as delivered
      from webhook_deliveries d join webhook_endpoints e on e.tenant_id = d.tenant_id and e.id = d.endpoint_id where e.tenant_id = ${tenantId} and e.description = 'bench'`;
    const webhooks = {
      events: opts.events,
      endpoints: opts.endpoints,
      deliveries: expected,
      arrived: arrivals.length,
      delivered: left!.delivered as number,
      stillPending: left!.pending as number,
      emitSeconds: +emitSeconds.toFixed(2),
      drainSeconds: +seconds.toFixed(2),
      deliveriesPerSecond: Math.round(arrivals.length / seconds),
      delayP50ms: opts.pct(arrivals, 50),
      delayP99ms: opts.pct(arrivals, 99),
    };
    opts.log(`webhooks ${JSON.stringify(webhooks)}`);
    await owner`delete from webhook_endpoints where tenant_id = ${tenantId} and description = 'bench'`;

    // --- Daily digest -----------------------------------------------------------------------
    // 10,000 users due at the same hour: preferences for that many users, then one job run.
    const at = new Date(Date.UTC(2030, 0, 1, 3, 5));
    await owner`delete from digest_runs where local_date = '2030-01-01'`;
    const picked = await owner`
      insert into notification_preferences (tenant_id, user_id, digest_hour, time_zone)
      select tenant_id, id, 3, 'UTC' from users where status <> 'inactive' and email_verified_at is not null order by (type = 'admin') desc, tenant_id, id limit ${opts.digestUsers}
      on conflict (tenant_id, user_id) do update set digest_hour = 3, time_zone = 'UTC', digest_unsubscribed_at = null
      returning user_id`;
    const t0 = performance.now();
    const run = await unsafeSendDigests({ now: at });
    const digestSeconds = (performance.now() - t0) / 1000;
    const digest = { users: picked.length, ...run, seconds: +digestSeconds.toFixed(2), usersPerSecond: Math.round(run.due / digestSeconds) };
    opts.log(`digest ${JSON.stringify(digest)}`);
    await owner`delete from mail_outbox where subject like '%your daily digest%'`;
    return { webhooks, digest };
  } finally {
    for (const s of servers) s.close();
    await owner.end();
  }
}
