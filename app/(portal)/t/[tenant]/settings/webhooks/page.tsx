import type { Metadata } from 'next';
import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { tenantPage } from '@/lib/auth/page';
import { webhookEventTypes } from '@/lib/config/webhooks';
import { listWebhooks } from '@/lib/data/webhooks';
import { NewWebhook } from './_components/new-webhook';

export const metadata: Metadata = { title: 'Webhooks' };

/** The tenant's webhook endpoints: add one (its secret shown once), see each one's state and deliveries. */
export default async function WebhooksPage({ params }: { params: Promise<{ tenant: string }> }) {
  const ctx = await tenantPage({ params, workspace: 'webhooks' });
  const endpoints = await listWebhooks(ctx);
  const slug = ctx.activeTenant.slug;
  const disabled = endpoints.filter((e) => !e.enabled && e.disabledReason && !e.disabledReason.startsWith('Turned off by'));
  const partner = ctx.homePermissions.has('partner.tenants.list');
  return (
    <>
      <h1 className="mb-1 text-2xl font-semibold">Webhooks</h1>
      <p className="mb-6 max-w-3xl text-sm text-muted-foreground">
        The portal posts each event you ask for to your endpoint, signed per the Standard Webhooks specification (headers <code className="font-mono">webhook-id</code>,{' '}
        <code className="font-mono">webhook-timestamp</code>, <code className="font-mono">webhook-signature</code>). A failed delivery is tried again over about three days; deduplicate by{' '}
        <code className="font-mono">webhook-id</code>.
      </p>
      {disabled.length > 0 && (
        <Alert variant="destructive" className="mb-6">
          {disabled.length === 1 ? 'An endpoint was turned off' : `${disabled.length} endpoints were turned off`}: {disabled.map((e) => `${e.url} (${e.disabledReason})`).join('; ')} Nothing is sent to it until you turn it on again.
        </Alert>
      )}
      <Card className="mb-6">
        <CardHeader>
          <CardTitle>Endpoints</CardTitle>
        </CardHeader>
        <CardContent>
          {endpoints.length === 0 ? (
            <p className="text-sm text-muted-foreground">No endpoints yet. Add one below to be told when something happens.</p>
          ) : (
            <Table aria-label="Webhook endpoints">
              <TableHeader>
                <TableRow>
                  <TableHead>URL</TableHead>
                  <TableHead>Events</TableHead>
                  <TableHead>Status</TableHead>
                  <TableHead>Deliveries</TableHead>
                  <TableHead>Made by</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {endpoints.map((e) => (
                  <TableRow key={e.id}>
                    <TableCell>
                      <Link className="font-mono text-xs underline-offset-4 hover:underline" href={`/t/${slug}/settings/webhooks/${e.id}`}>
                        {e.url}
                      </Link>
                      {e.description && <div className="text-xs text-muted-foreground">{e.description}</div>}
                    </TableCell>
                    <TableCell className="text-xs">
                      {e.eventTypes.length} {e.eventTypes.length === 1 ? 'type' : 'types'}
                      {e.includeManaged && <div className="text-muted-foreground">and managed tenants&apos;</div>}
                    </TableCell>
                    <TableCell>
                      <Badge variant={e.enabled ? (e.failingSince ? 'warning' : 'success') : 'destructive'}>{e.enabled ? (e.failingSince ? 'failing' : 'on') : 'off'}</Badge>
                    </TableCell>
                    <TableCell className="text-xs">
                      {e.counts.delivered} delivered, {e.counts.pending} waiting, {e.counts.failed} failed
                    </TableCell>
                    <TableCell className="text-xs">{e.createdBy}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>
      <NewWebhook slug={slug} eventTypes={[...webhookEventTypes]} partner={partner} />
    </>
  );
}
