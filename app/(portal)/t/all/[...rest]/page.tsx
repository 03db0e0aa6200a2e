import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { allTenantsPage } from '@/lib/auth/page';
import { listReachableTenants } from '@/lib/data/tenancy';
import { workspaceAt, workspaceHref } from '@/lib/workspaces';

export const metadata: Metadata = { title: 'Choose a tenant' };

/**
 * A workspace that needs one tenant, asked for in the All-tenants mode: the user chooses one
 * (here or with the switcher). Paths that are not a tenant workspace are not found.
 */
export default async function ChooseTenantPage({ params }: { params: Promise<{ rest: string[] }> }) {
  const ctx = await allTenantsPage(null);
  const { rest } = await params;
  const w = rest.length === 1 ? workspaceAt(rest[0]!) : undefined;
  if (!w || w.scope !== 'tenant' || w.path === '') notFound();
  const tenants = await listReachableTenants(ctx);
  return (
    <>
      <h1 className="mb-1 text-2xl font-semibold">Choose a tenant</h1>
      <p className="mb-4 text-sm text-muted-foreground">
        {w.label} works in one tenant at a time. Choose one below or with the tenant switcher (Ctrl K).
      </p>
      <ul className="flex flex-col gap-1">
        {tenants.map((t) => (
          <li key={t.slug}>
            <Link prefetch={false} className="text-primary hover:underline" href={workspaceHref(t.slug, w)}>
              {w.label} in {t.name}
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
