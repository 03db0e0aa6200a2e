import type { Metadata } from 'next';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { tenantPage } from '@/lib/auth/page';
import { listLinks } from '@/lib/data/links';
import { can } from '@/lib/rbac';
import { firstValues } from '@/lib/validation/common';
import { RevokeAllButton } from './_components/link-buttons';
import { LinksTable } from './_components/links-table';
import { RequestLinkForm } from './_components/request-link-form';

export const metadata: Metadata = { title: 'Links' };

/** Links to and from this tenant: requests to answer, live links to revoke, and new requests. */
export default async function LinksPage({ params, searchParams }: { params: Promise<{ tenant: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await tenantPage({ params, workspace: 'links' });
  const links = await listLinks(ctx);
  // A short list: the search and the filters apply here, over every link.
  const { q, direction, state } = firstValues(await searchParams);
  const needle = (q ?? '').trim().toLowerCase();
  const shown = links.filter(
    (l) =>
      (!needle || [l.partner.name, l.partner.slug, l.managed.name, l.managed.slug].some((v) => v.toLowerCase().includes(needle))) &&
      (!direction || l.direction === direction) &&
      (!state || l.state === state),
  );
  const manage = can(ctx, 'links.manage');
  const slug = ctx.homeTenant.slug;

  return (
    <>
      <div className="mb-4 flex items-center justify-between">
        <h1 className="text-2xl font-semibold">Links</h1>
        {manage && links.some((l) => l.direction === 'outgoing' && l.status === 'active') && <RevokeAllButton slug={slug} tenantName={ctx.homeTenant.name} />}
      </div>
      <LinksTable slug={slug} owner={ctx.user.id} links={shown} manage={manage} tenantName={ctx.homeTenant.name} />
      {manage && (
        <Card className="mt-8">
          <CardHeader>
            <CardTitle>Request access to a tenant</CardTitle>
          </CardHeader>
          <CardContent>
            <RequestLinkForm slug={slug} />
          </CardContent>
        </Card>
      )}
    </>
  );
}
