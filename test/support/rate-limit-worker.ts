// Run as a separate process by rate-limit.test.ts: one app instance hammering one bucket.
// Prints how many of its calls the limiter admitted.
import { closeAll } from '@/db/client';
import { hitBuckets } from '@/lib/data/internal/rate-limit';

const [key, limit, calls] = [process.argv[2]!, Number(process.argv[3]), Number(process.argv[4])];
const results = await Promise.all(
  Array.from({ length: calls }, () => hitBuckets([{ key, limit, windowSeconds: 3600 }]).then(([b]) => b!.count <= b!.limit)),
);
process.stdout.write(JSON.stringify({ admitted: results.filter(Boolean).length }));
await closeAll();
