import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Received = { path: string; headers: IncomingHttpHeaders; body: string };

/**
 * A real HTTP receiver on 127.0.0.1 for webhook tests. The path decides the answer: /ok 200,
 * /fail 500, /gone 410, /busy 429 with Retry-After: 120, /redirect 302 to /elsewhere, /big 200
 * with a 1 MB body; anything else 404. Keeps every request it got.
 */
export async function startReceiver(): Promise<{ base: string; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0]!;
      received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      if (path.startsWith('/ok')) return res.writeHead(200, { 'content-type': 'text/plain' }).end('thanks');
      if (path.startsWith('/fail')) return res.writeHead(500).end('broken');
      if (path.startsWith('/gone')) return res.writeHead(410).end('gone');
      if (path.startsWith('/busy')) return res.writeHead(429, { 'retry-after': '120' }).end('slow down');
      if (path.startsWith('/redirect')) return res.writeHead(302, { location: '/elsewhere' }).end();
      if (path.startsWith('/big')) return res.writeHead(200).end('x'.repeat(1024 * 1024));
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { base: `http://localhost:${port}`, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
