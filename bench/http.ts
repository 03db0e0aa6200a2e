/**
 * HTTP latency against a running portal (default http://localhost:3000, or BENCH_URL).
 * Usage: npm run bench:http -- [--seconds 15] [--connections 10]
 */
import os from 'node:os';
import { floorAndRead } from './load';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const base = process.env.BENCH_URL ?? 'http://localhost:3000';
const opts = { seconds: arg('seconds', 15), connections: arg('connections', 10) };
console.log(JSON.stringify({ machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model }, ...opts }));
console.log(JSON.stringify(await floorAndRead(base, opts), null, 2));
