/**
 * What the in-process benches measure a read with: its statements, counted as db/client.ts
 * sends them ("data" leaves out the transaction's BEGIN, COMMIT and the scope's set_config), and its
 * time over a number of runs.
 */
type Pct = (xs: number[], p: number) => number;

export async function countStatements(fn: () => Promise<unknown>): Promise<{ data: number; all: number }> {
  const observed = globalThis as { __portalQueryObserver?: (q: string) => void };
  const n = { data: 0, all: 0 };
  observed.__portalQueryObserver = (q: string) => {
    n.all++;
    if (!/^\s*(begin|commit|rollback|select set_config)/i.test(q)) n.data++;
  };
  try {
    await fn();
  } finally {
    observed.__portalQueryObserver = undefined;
  }
  return n;
}

export async function timeRuns(fn: () => Promise<unknown>, runs: number, pct: Pct): Promise<{ p50ms: number; p99ms: number }> {
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    xs.push(performance.now() - t);
  }
  return { p50ms: pct(xs, 50), p99ms: pct(xs, 99) };
}
