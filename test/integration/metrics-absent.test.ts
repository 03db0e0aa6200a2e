import { expect, it } from 'vitest';
import { scrape } from '@/lib/metrics';

// A file of its own: settings are read once per process, and here METRICS_TOKEN is never set.
it('metrics are not there at all when no METRICS_TOKEN is configured', async () => {
  delete process.env.METRICS_TOKEN;
  expect(await scrape('Bearer anything-at-all-anything-at-all')).toBe('absent');
});
