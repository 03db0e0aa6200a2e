/**
 * The consolidated-billing part of `npm run bench`: alice's summary and first invoice page over
 * the 50 tenants Acme manages (timed and with their statements counted, in this process against
 * the runtime role), and an export of every one of their invoices built by a separate process
 * whose peak memory is read from the OS.
 */
import { spawnSync } from 'node:child_process';
import postgres from 'postgres';
import { WORKER_NODE_FLAGS } from '../scripts/worker-flags';
import { countStatements, timeRuns } from './measure';

type Pct = (xs: number[], p: number) => number;

export async function billingBench(ownerUrl: string, appUrl: string, opts: { runs: number; pct: Pct; log: (m: string) => void }) {
  process.env.DATABASE_APP_URL = appUrl;
  process.env.NEXTAUTH_SECRET ??= 'bench-secret-bench-secret-bench-secret-00';
  const { resolveContext } = await import('../lib/data/context');
  const { consolidatedInvoices, consolidatedSummary, startConsolidatedInvoiceExport } = await import('../lib/data/billing');
  const owner = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  try {
    const [alice] = await owner`select u.id, u.tenant_id from users u join tenants t on t.id = u.tenant_id where t.slug = 'acme-msp' and u.email = 'alice@acme-msp.example'`;
    const [session] = await owner`insert into sessions (tenant_id, user_id, expires_at) values (${alice!.tenant_id}, ${alice!.id}, now() + interval '1 day') returning id`;
    // Room for the export below whatever earlier runs started.
    await owner`delete from export_jobs where user_id = ${alice!.id}`;
    const ctx = await resolveContext({ sessionId: session!.id as string, userId: alice!.id as string, tenantId: alice!.tenant_id as string }, null, { requestId: 'bench', ip: null, userAgent: 'bench' });

    const count = countStatements;
    const time = (fn: () => Promise<unknown>) => timeRuns(fn, opts.runs, opts.pct);
    // As the API asks them: the summary over its default period (the last 30 days), the first
    // page of the whole list (its totals cover every invoice of the 50 tenants).
    const from = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    const summary = () => consolidatedSummary(ctx, { from_date: from });
    const firstPage = () => consolidatedInvoices(ctx, { limit: 50 });
    const s = await summary();
    const page = await firstPage();
    const result = {
      tenants: s.tenants.length,
      invoices: s.byCurrency.reduce((n, c) => n + c.count, 0),
      summary: { ...(await time(summary)), statements: await count(summary) },
      firstInvoicePage: { ...(await time(firstPage)), statements: await count(firstPage), rows: page.items.length },
    };
    opts.log(`consolidated billing ${JSON.stringify(result)}`);

    // The export of every invoice, built by a worker-like process of its own: with the worker's
    // Node flags, with Node's defaults (V8 grows its heap lazily), and with the heap capped at
    // 64 MB, which a builder that held the file (100 MB at 500,000 rows) could not survive.
    const exportRun = async (flags: string[]) => {
      const started = await startConsolidatedInvoiceExport(ctx, {});
      const t0 = performance.now();
      const child = spawnSync(process.execPath, [...flags, 'bench/export-worker.ts', alice!.tenant_id as string, started.id], {
        env: { ...process.env, DATABASE_APP_URL: appUrl },
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      });
      if (child.status !== 0) throw new Error(`export worker failed: ${child.stderr}`);
      const built = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { status: string; rows: number; maxRssMiB: number; baselineRssMiB: number };
      const [job] = await owner`select size_bytes::bigint as size, (select count(*)::int from export_chunks c where c.export_id = e.id) as chunks from export_jobs e where id = ${started.id}`;
      await owner`delete from export_jobs where id = ${started.id}`;
      return { flags: flags.filter((f) => f.startsWith('--max')).join(' ') || 'defaults', status: built.status, rows: built.rows, seconds: +((performance.now() - t0) / 1000).toFixed(1), sizeMiB: +(Number(job!.size) / 2 ** 20).toFixed(1), chunks: job!.chunks, baselineRssMiB: built.baselineRssMiB, maxRssMiB: built.maxRssMiB };
    };
    const exportResult = {
      asTheWorker: await exportRun(WORKER_NODE_FLAGS),
      nodeDefaults: await exportRun(['--conditions=react-server', '--import', 'tsx']),
      heapCapped: await exportRun(['--max-old-space-size=64', '--max-semi-space-size=1', '--conditions=react-server', '--import', 'tsx']),
    };
    opts.log(`export ${JSON.stringify(exportResult)}`);
    await owner`delete from sessions where id = ${session!.id}`;
    return { ...result, export: exportResult };
  } finally {
    await owner.end();
    const { closeAll } = await import('../db/client');
    await closeAll();
  }
}
