import Link from 'next/link';
import { headers } from 'next/headers';
import { getPageContext } from '@/lib/auth/request';
import { PATH_HEADER, workspaceOfPath } from '@/lib/workspaces';

/**
 * 403 inside a tenant the user can reach (tenantPage's forbidden()): the workspace exists here,
 * and the page names what it needs. A server component, so the answer carries the text itself.
 */
export default async function Forbidden() {
  const at = workspaceOfPath((await headers()).get(PATH_HEADER));
  const w = at?.workspace;
  const ctx = at ? await getPageContext(at.slug) : null;
  const tenant = ctx?.activeTenant.name ?? 'this tenant';
  return (
    <section className="mx-auto flex max-w-lg flex-col gap-3 py-16 text-center" aria-labelledby="forbidden-title">
      <h1 id="forbidden-title" className="text-2xl font-semibold">
        No access
      </h1>
      <p className="text-muted-foreground">
        You cannot view {w ? w.label.toLowerCase() : 'this page'} in {tenant}: your roles or this tenant&apos;s link do not allow it.
      </p>
      {w && (
        <p className="text-sm">
          It needs the permission <code className="rounded bg-secondary px-1.5 py-0.5 font-mono">{w.permission}</code>.
        </p>
      )}
      {ctx && (
        <Link className="text-primary underline" href={`/t/${ctx.activeTenant.slug}`}>
          Go to what you can use in {tenant}
        </Link>
      )}
    </section>
  );
}
