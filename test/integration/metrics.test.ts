import { afterEach, describe, expect, it } from 'vitest';
import { queueStats } from '@/lib/data/health';
import { countRefusal, metrics, scrape } from '@/lib/metrics';

const TOKEN = 'metrics-token-for-the-integration-test';

describe('metrics', () => {
  afterEach(() => {
    delete process.env.METRICS_TOKEN;
  });

  it('refuse a missing or wrong bearer token', async () => {
    // settings() is read once per process: this file sets the token before anything reads it.
    process.env.METRICS_TOKEN = TOKEN;
    expect(await scrape(null)).toBe('unauthorized');
    expect(await scrape(`Bearer ${TOKEN.slice(1)}x`)).toBe('unauthorized');
    expect(await scrape(`Bearer ${TOKEN}x`)).toBe('unauthorized');
    const ok = await scrape(`Bearer ${TOKEN}`);
    expect(typeof ok).toBe('object');
  });

  it('report requests, refusals, transactions in flight, and every queue with its states', async () => {
    process.env.METRICS_TOKEN = TOKEN;
    const m = metrics();
    m.requests.inc({ route: '/api/v1/me', method: 'GET', status: '200', via: 'home' });
    countRefusal({ code: 'RATE_LIMIT_EXCEEDED' });
    countRefusal({ code: 'USAGE_LIMIT_EXCEEDED' });
    countRefusal({ code: 'NOT_FOUND' });
    const result = await scrape(`Bearer ${TOKEN}`);
    if (typeof result !== 'object') throw new Error(`scrape answered ${result}`);
    expect(result.contentType).toMatch(/^text\/plain/);
    expect(result.body).toContain('portal_http_requests_total{route="/api/v1/me",method="GET",status="200",via="home"} 1');
    expect(result.body).toMatch(/portal_limit_refusals_total\{kind="rate_limit"\} 1/);
    expect(result.body).toMatch(/portal_limit_refusals_total\{kind="usage"\} 1/);
    expect(result.body).toContain('portal_db_transactions_in_flight 0');
    expect(result.body).toMatch(/portal_db_pool_max \d+/);
    expect(result.body).toContain('portal_process_resident_memory_bytes');
    const stats = await queueStats();
    expect(Array.isArray(stats.queues)).toBe(true);
  });
});
