import type { Metadata } from 'next';
import Link from 'next/link';
import { tenantPage } from '@/lib/auth/page';
import { listApiKeys } from '@/lib/data/api-keys';
import { ApiKeys } from './_components/api-keys';

export const metadata: Metadata = { title: 'API keys' };

/** The tenant's API keys: make one for yourself (shown once), see every key's use, revoke. */
export default async function ApiKeysPage({ params }: { params: Promise<{ tenant: string }> }) {
  const ctx = await tenantPage({ params, workspace: 'api-keys' });
  const keys = await listApiKeys(ctx);
  const held = [...ctx.homePermissions].sort();
  return (
    <>
      <h1 className="mb-1 text-2xl font-semibold">API keys</h1>
      <p className="mb-6 max-w-3xl text-sm text-muted-foreground">
        A key calls the API as you, with the permissions you give it (only ones you hold, and only while you hold them). Send it as{' '}
        <code className="font-mono">Authorization: Bearer &lt;key&gt;</code>, or as HTTP Basic with the key id and secret; add{' '}
        <code className="font-mono">X-Active-Tenant-Id</code> to act in a tenant you manage. The{' '}
        <Link className="underline underline-offset-4" href={`/t/${ctx.activeTenant.slug}/settings/api-keys/reference`}>
          API reference
        </Link>{' '}
        lists every endpoint and tries calls with a key.
      </p>
      <ApiKeys slug={ctx.activeTenant.slug} keys={keys} held={held} />
    </>
  );
}
