/**
 * Builds one export as the worker does, and prints its outcome with this process's peak resident
 * memory (what `npm run bench` reports for a 500,000-row export).
 *   node --conditions=react-server --import tsx bench/export-worker.ts <home tenant id> <export id>
 */
import { unsafeBuildExport } from '../lib/data/internal/export-build';
import { closeAll } from '../db/client';

const [tenantId, exportId] = process.argv.slice(2) as [string, string];
const baseline = process.memoryUsage().rss;
const result = await unsafeBuildExport({ tenantId, exportId });
await closeAll();
console.log(JSON.stringify({ ...result, baselineRssMiB: +(baseline / 2 ** 20).toFixed(1), maxRssMiB: +(process.resourceUsage().maxRSS / 1024).toFixed(1) }));
