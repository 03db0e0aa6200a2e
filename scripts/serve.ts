/**
 * The portal's HTTP server (what `npm start` runs beside the worker): Next.js behind a plain
 * node:http server, for two things `next start` does not do.
 *
 * - The peer address. The socket's remote address is put in `x-portal-peer`, replacing whatever
 *   a client sent under that name, so lib/auth/meta.ts can tell the client's address from what
 *   the client claims in X-Forwarded-For (trusted only for TRUSTED_PROXY_HOPS proxies).
 * - Graceful shutdown. On SIGTERM or SIGINT it stops accepting connections, lets requests in
 *   flight finish (up to 10 s), closes its database pools, then exits.
 *
 * Env: PORT (3000), PORTAL_DEV=1 for the development server.
 */
import { createServer } from 'node:http';
import next from 'next';
import { closeAll } from '../db/client';

const port = Number(process.env.PORT ?? 3000);
const dev = process.env.PORTAL_DEV === '1';
const app = next({ dev, port, hostname: 'localhost' });
await app.prepare();
const handle = app.getRequestHandler();

const server = createServer((req, res) => {
  req.headers['x-portal-peer'] = req.socket.remoteAddress ?? '';
  void handle(req, res);
});
server.listen(port, () => console.log(`[portal] web server listening on ${port}`));

let closing = false;
function close(signal: string) {
  if (closing) return;
  closing = true;
  console.log(`[portal] web server: ${signal}, finishing requests in flight`);
  // Idle keep-alive connections go now; busy ones finish their request, then close; then the
  // database pools end (their connections close cleanly instead of dropping with the process).
  server.close(() => {
    const pools = (globalThis as { __portalPools?: Map<string, unknown> }).__portalPools?.size ?? 0;
    void closeAll().then(() => {
      console.log(`[portal] web server: requests finished, ${pools} database pool${pools === 1 ? '' : 's'} closed`);
      process.exit(0);
    });
  });
  server.closeIdleConnections();
  setTimeout(() => {
    server.closeAllConnections();
    process.exit(0);
  }, 10_000).unref();
}
process.on('SIGTERM', () => close('SIGTERM'));
process.on('SIGINT', () => close('SIGINT'));
