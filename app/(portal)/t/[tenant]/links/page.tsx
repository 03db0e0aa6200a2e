import type { Metadata } from 'next';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { tenantPage } from '@/lib/auth/page';
import { listLinks } from '@/lib/data/links';
import { can } from '@/lib/rbac';
import type { LinkDto } from '@/lib/validation/links';
import { LinkButtons, RevokeAllButton } from './_components/link-buttons';
import { RequestLinkForm } from './_components/request-link-form';
import { StatusBadge } from '@/components/ui/status-badge';

export const metadata: Metadata = { title: 'Links' };

/** The service terms in one line: SLA hours by priority, uptime, alerts. */
function termsText(l: LinkDto): string {
  const hours = (h: Partial<Record<string, number>>) =>
    ['urgent', 'high', 'normal', 'low'].filter((p) => h[p] !== undefined).map((p) => `${p} ${h[p]}h`).join(', ');
  const parts = [
    hours(l.slaConfig.responseHours) && `response ${hours(l.slaConfig.responseHours)}`,
    hours(l.slaConfig.resolutionHours) && `resolution ${hours(l.slaConfig.resolutionHours)}`,
    l.slaConfig.uptimeTarget !== null && `uptime ${l.slaConfig.uptimeTarget}%`,
    l.alertConfig.notifyOnSlaBreach && 'alerts on SLA breach',
    l.alertConfig.notifyOnBillingThreshold && `billing alerts${l.alertConfig.billingThresholdMinor !== null ? ` at ${l.alertConfig.billingThresholdMinor}` : ''}`,
  ].filter(Boolean);
  return parts.join('; ') || 'none';
}

/** Links to and from this tenant: requests to answer, live links to revoke, and new requests. */
export default async function LinksPage({ params }: { params: Promise<{ tenant: string }> }) {
  const ctx = await tenantPage({ params, workspace: 'links' });
  const links = await listLinks(ctx);
  const manage = can(ctx, 'links.manage');
  const slug = ctx.homeTenant.slug;
  const day = (iso: string | null) => (iso ? iso.slice(0, 10) : 'open-ended');

  return (
    <>
      <div className="mb-4 flex items-center justify-between">
        <h1 className="text-2xl font-semibold">Links</h1>
        {manage && links.some((l) => l.direction === 'outgoing' && l.status === 'active') && <RevokeAllButton slug={slug} tenantName={ctx.homeTenant.name} />}
      </div>
      <Table aria-label="Links">
        <TableHeader>
          <TableRow>
            <TableHead>With</TableHead>
            <TableHead>Direction</TableHead>
            <TableHead>Role</TableHead>
            <TableHead>State</TableHead>
            <TableHead>Period</TableHead>
            <TableHead>Grants in the managed tenant</TableHead>
            <TableHead>Service terms</TableHead>
            <TableHead />
          </TableRow>
        </TableHeader>
        <TableBody>
          {links.map((l) => {
            const other = l.direction === 'outgoing' ? l.managed : l.partner;
            return (
              <TableRow key={l.id}>
                <TableCell>{other.name}</TableCell>
                <TableCell>{l.direction === 'outgoing' ? 'we manage them' : 'they manage us'}</TableCell>
                <TableCell className="font-mono text-xs">{l.accessRole}</TableCell>
                <TableCell>
                  <StatusBadge value={l.state} />
                </TableCell>
                <TableCell className="whitespace-nowrap text-xs">
                  {day(l.startsAt)} → {day(l.endsAt)}
                </TableCell>
                <TableCell className="max-w-80 text-xs text-muted-foreground">{l.grants.join(', ') || 'nothing'}</TableCell>
                <TableCell className="max-w-60 text-xs text-muted-foreground">{termsText(l)}</TableCell>
                <TableCell>
                  {manage && (
                    <LinkButtons
                      slug={slug}
                      id={l.id}
                      partnerName={other.name}
                      tenantName={ctx.homeTenant.name}
                      outgoing={l.direction === 'outgoing'}
                      accessRole={l.accessRole}
                      grants={l.grants}
                      canDecide={l.direction === 'incoming' && l.state === 'requested'}
                      canRevoke={l.status === 'active'}
                    />
                  )}
                </TableCell>
              </TableRow>
            );
          })}
          {links.length === 0 && (
            <TableRow>
              <TableCell colSpan={8} className="py-8 text-center text-muted-foreground">
                No links yet.
              </TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>
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
