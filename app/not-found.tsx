import { headers } from 'next/headers';
import Link from 'next/link';
import { readClaims } from '@/lib/auth/request';
import { requestMeta } from '@/lib/auth/meta';
import { endedAccess } from '@/lib/data/tenancy';
import { PATH_HEADER, workspaceOfPath } from '@/lib/workspaces';

/**
 * 404. When it is a tenant the caller's partner had a link to and that access ended, it says so
 * by name (the partner's own links are no secret to it); otherwise the one uniform answer.
 */
export default async function NotFound() {
  const head = await headers();
  const at = workspaceOfPath(head.get(PATH_HEADER));
  const claims = at ? await readClaims() : null;
  const ended = at && claims ? await endedAccess(claims, at.slug, requestMeta(head)).catch(() => null) : null;
  return (
    <main className="mx-auto flex max-w-md flex-col items-center gap-3 px-6 py-24 text-center">
      <h1 className="text-2xl font-semibold">{ended ? `Your access to ${ended.tenant} ended` : 'Not found'}</h1>
      <p className="text-muted-foreground">{ended ? `You can no longer act there: ${ended.reason}.` : 'This page does not exist, or it is not available to you.'}</p>
      <Link className="text-primary underline" href={ended ? `/t/${ended.home.slug}` : '/'}>
        {ended ? `Back to ${ended.home.name}` : 'Go to your portal'}
      </Link>
    </main>
  );
}
