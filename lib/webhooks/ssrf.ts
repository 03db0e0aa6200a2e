import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Requests to URLs that tenants type in (webhook endpoints), safe from server-side request forgery:
 * https only (http to localhost only when the development setting allows it), every address a
 * name resolves to checked when the connection is made (so DNS rebinding between the check and the
 * connect gains nothing), private, loopback, link-local (the cloud metadata address), shared,
 * reserved, documentation and multicast ranges refused, IPv4-mapped IPv6 refused, redirects not
 * followed, the answer read up to a cap and the whole request bounded in time.
 */

const blocked = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(net, bits, 'ipv4');
}
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001::', 23],
  ['2001:db8::', 32],
  ['2002::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  blocked.addSubnet(net, bits, 'ipv6');
}

// IPv4-mapped IPv6 (::ffff:a.b.c.d) on a list of its own: in one BlockList with IPv4 rules it
// would match every IPv4 address (Node checks IPv4 against mapped rules too).
const mapped = new BlockList();
mapped.addSubnet('::ffff:0:0', 96, 'ipv6');

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

export type UrlPolicy = { allowHttpLocalhost: boolean };

export class UnsafeUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsafeUrlError';
  }
}

/** Whether an address may be connected to (`exempt`: loopback under the development setting). */
export function addressAllowed(address: string, exemptLoopback = false): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  if (exemptLoopback && (address === '::1' || address.startsWith('127.'))) return true;
  if (family === 6 && mapped.check(address, 'ipv6')) return false;
  return !blocked.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** Checks a URL's form (not its addresses): https, or http to localhost when allowed; no credentials in it. */
export function checkUrl(raw: string, policy: UrlPolicy): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UnsafeUrlError('Enter a full URL, such as https://hooks.example.com/portal.');
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const local = LOOPBACK_NAMES.has(url.hostname) || LOOPBACK_NAMES.has(host);
  if (url.username || url.password) throw new UnsafeUrlError('A webhook URL carries no user name or password; the signature authenticates the portal.');
  if (url.protocol === 'http:' && !(policy.allowHttpLocalhost && local)) throw new UnsafeUrlError('Webhook URLs must use https.');
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UnsafeUrlError('Webhook URLs must use https.');
  if (isIP(host) && !addressAllowed(host, policy.allowHttpLocalhost && local)) {
    throw new UnsafeUrlError('That address is private, loopback, link-local or reserved: the portal does not send there.');
  }
  return url;
}

/** The lookup a connection uses: resolves every address and refuses the name if any is not allowed. */
export function guardedLookup(exemptLoopback: boolean, resolve: typeof dnsLookup = dnsLookup): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const list = (addresses as unknown as LookupAddress[]) ?? [];
      const refused = list.find((a) => !addressAllowed(a.address, exemptLoopback));
      if (refused || list.length === 0) {
        return callback(Object.assign(new UnsafeUrlError(`${hostname} resolves to ${refused?.address ?? 'nothing'}, a private, loopback or reserved address.`), { code: 'EADDRBLOCKED' }), '', 0);
      }
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

/** Resolves a URL's host now and refuses it when any address is not allowed (a clear error at creation). */
export async function checkResolves(url: URL, policy: UrlPolicy, resolve: typeof dnsLookup = dnsLookup): Promise<void> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) return;
  const exempt = policy.allowHttpLocalhost && LOOPBACK_NAMES.has(host);
  await new Promise<void>((ok, fail) =>
    guardedLookup(exempt, resolve)(host, { all: true }, (error) => {
      // A name that does not resolve yet is not refused: each delivery looks again, and fails then.
      if (error && (error as NodeJS.ErrnoException).code === 'EADDRBLOCKED') return fail(error);
      ok();
    }),
  );
}

export type SafeResponse = { status: number; headers: http.IncomingHttpHeaders; body: string; truncated: boolean; durationMs: number };

/**
 * POSTs `body` to a checked URL and reads the answer up to `maxBytes`. Throws on a refused
 * address, a connection error or the time limit (the caller records it as a failed attempt).
 */
export async function safePost(
  rawUrl: string,
  body: string,
  headers: Record<string, string>,
  opts: UrlPolicy & { timeoutMs: number; maxBytes: number; resolve?: typeof dnsLookup },
): Promise<SafeResponse> {
  const url = checkUrl(rawUrl, opts);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const exempt = opts.allowHttpLocalhost && LOOPBACK_NAMES.has(host);
  const started = performance.now();
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<SafeResponse>((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: guardedLookup(exempt, opts.resolve),
        agent: false,
        timeout: opts.timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        let truncated = false;
        res.on('data', (chunk: Buffer) => {
          if (truncated) return;
          size += chunk.length;
          if (size > opts.maxBytes) {
            truncated = true;
            chunks.push(chunk.subarray(0, chunk.length - (size - opts.maxBytes)));
            res.destroy();
            finish();
            return;
          }
          chunks.push(chunk);
        });
        let done = false;
        const finish = () => {
          if (done) return;
          done = true;
          clearTimeout(deadline);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), truncated, durationMs: Math.round(performance.now() - started) });
        };
        res.on('end', finish);
        res.on('error', (error) => (truncated ? finish() : reject(error)));
      },
    );
    // The whole exchange, not only each silence, is bounded.
    const deadline = setTimeout(() => req.destroy(Object.assign(new Error(`no answer within ${opts.timeoutMs / 1000} s`), { code: 'ETIMEDOUT' })), opts.timeoutMs);
    req.on('timeout', () => req.destroy(Object.assign(new Error(`no answer within ${opts.timeoutMs / 1000} s`), { code: 'ETIMEDOUT' })));
    req.on('error', (error) => {
      clearTimeout(deadline);
      reject(error);
    });
    req.end(body);
  });
}
