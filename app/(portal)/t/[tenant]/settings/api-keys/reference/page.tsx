import type { Metadata } from 'next';
import Link from 'next/link';
import { tenantPage } from '@/lib/auth/page';
import { ApiExplorer } from './_components/api-explorer';

export const metadata: Metadata = { title: 'API reference' };

/**
 * The API reference, from the same OpenAPI document the API serves (/api/v1/openapi.json), with
 * a form that tries a call with an API key. Everything runs in this page: nothing is loaded from
 * another site, and the key stays in the page's memory.
 */
export default async function ApiReferencePage({ params }: { params: Promise<{ tenant: string }> }) {
  const ctx = await tenantPage({ params, workspace: 'api-keys' });
  return (
    <>
      <Link href={`/t/${ctx.activeTenant.slug}/settings/api-keys`} className="text-sm text-primary hover:underline">
        ← API keys
      </Link>
      <h1 className="mb-1 mt-3 text-2xl font-semibold">API reference</h1>
      <p className="mb-6 max-w-3xl text-sm text-muted-foreground">
        Every endpoint of <code className="font-mono">/api/v1</code> with its permission and parameters, from{' '}
        <a className="underline underline-offset-4" href="/api/v1/openapi.json">
          the OpenAPI document
        </a>
        . Try one with an API key: the call is made from this page with your key only (no cookie), exactly as a script would make it.
      </p>
      <ApiExplorer />
    </>
  );
}
