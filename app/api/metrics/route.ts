import { publicRoute } from '@/lib/api/route';
import { AppError } from '@/lib/errors';
import { scrape } from '@/lib/metrics';

/**
 * Prometheus metrics of this instance. Not behind a session (a scraper has none) but behind
 * METRICS_TOKEN (`Authorization: Bearer …`); with no token configured it is not there at all.
 */
export const GET = publicRoute(async (req) => {
  const result = await scrape(req.headers.get('authorization'));
  if (result === 'absent') throw new AppError('NOT_FOUND', 'Not found.');
  if (result === 'unauthorized') throw new AppError('UNAUTHORIZED', 'Metrics need the bearer token (METRICS_TOKEN).');
  return new Response(result.body, { headers: { 'Content-Type': result.contentType, 'Cache-Control': 'no-store' } });
});
