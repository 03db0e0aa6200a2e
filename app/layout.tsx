import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { Providers } from '@/components/providers';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Partner Portal', template: '%s · Partner Portal' },
  description: 'Multi-tenant partner portal',
};

/**
 * Every page renders per request: its scripts carry the request's CSP nonce (proxy.ts), which a
 * page prerendered at build time could not have.
 */
export default async function RootLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  await headers();
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
