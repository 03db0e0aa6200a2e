'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { useActionRunner } from '@/components/forms/use-action-runner';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { StatusBadge } from '@/components/ui/status-badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { WebhookDeliveryDto, WebhookEndpointDto, WebhookTestDto } from '@/lib/validation/webhooks';
import { deleteWebhookAction, replayFailedAction, resendDeliveryAction, rotateWebhookSecretAction, sendTestEventAction, updateWebhookAction } from '../actions';
import { SecretNotice } from '@/components/forms/secret-notice';

const when = (iso: string | null) => (iso ? iso.slice(0, 19).replace('T', ' ') : '—');

/** An endpoint's state and actions, the last test's request and answer, and its deliveries. */
export function EndpointView({ slug, endpoint, deliveries }: { slug: string; endpoint: WebhookEndpointDto; deliveries: WebhookDeliveryDto[] }) {
  const router = useRouter();
  const { pending, error, run, dialog } = useActionRunner();
  const [test, setTest] = useState<WebhookTestDto | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [since, setSince] = useState(() => new Date(Date.now() - 24 * 3600_000).toISOString().slice(0, 16));

  return (
    <div className="flex flex-col gap-6">
      {!endpoint.enabled && (
        <Alert variant="destructive">
          This endpoint is off{endpoint.disabledReason ? `: ${endpoint.disabledReason}` : '.'} Nothing is sent to it until it is turned on again.
        </Alert>
      )}
      {endpoint.enabled && endpoint.failingSince && <Alert>Deliveries have failed since {when(endpoint.failingSince)} UTC; after 5 days without a success the endpoint is turned off.</Alert>}
      {error && <Alert variant="destructive">{error}</Alert>}
      {secret && <SecretNotice label="Signing secret" title="Copy the new signing secret now: it is not shown again. The old one keeps signing beside it for 24 hours." secret={secret} onDone={() => setSecret(null)} />}
      <Card>
        <CardHeader>
          <CardTitle>Endpoint</CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col gap-3 text-sm">
          <dl className="grid gap-x-6 gap-y-1 md:grid-cols-[max-content_1fr]">
            <dt className="text-muted-foreground">Status</dt>
            <dd>
              <Badge variant={endpoint.enabled ? 'success' : 'destructive'}>{endpoint.enabled ? 'on' : 'off'}</Badge>
            </dd>
            <dt className="text-muted-foreground">Events</dt>
            <dd className="font-mono text-xs">{endpoint.eventTypes.join(', ')}</dd>
            <dt className="text-muted-foreground">Managed tenants</dt>
            <dd>{endpoint.includeManaged ? 'Their events come too, as far as each link allows.' : 'No'}</dd>
            {endpoint.previousSecretUntil && (
              <>
                <dt className="text-muted-foreground">Previous secret</dt>
                <dd>Still signs until {when(endpoint.previousSecretUntil)} UTC</dd>
              </>
            )}
            <dt className="text-muted-foreground">Made by</dt>
            <dd>
              {endpoint.createdBy}, {when(endpoint.createdAt)} UTC
            </dd>
          </dl>
          <div className="flex flex-wrap gap-2">
            <Button type="button" disabled={pending || !endpoint.enabled} onClick={() => run(() => sendTestEventAction(slug, { id: endpoint.id }), { onSuccess: setTest })}>
              Send test event
            </Button>
            <Button
              type="button"
              variant="outline"
              disabled={pending}
              onClick={() =>
                run(() => rotateWebhookSecretAction(slug, { id: endpoint.id }), {
                  confirm: { title: 'Rotate the signing secret?', description: 'A new secret signs from now on; the old one signs beside it for 24 hours, then stops.', action: 'Rotate secret' },
                  onSuccess: (r) => setSecret(r.secret),
                })
              }
            >
              Rotate secret
            </Button>
            <Button
              type="button"
              variant="outline"
              disabled={pending}
              onClick={() => run(() => updateWebhookAction(slug, { id: endpoint.id, enabled: !endpoint.enabled }), { success: endpoint.enabled ? 'Endpoint turned off' : 'Endpoint turned on' })}
            >
              {endpoint.enabled ? 'Turn off' : 'Turn on'}
            </Button>
            <Button
              type="button"
              variant="destructive"
              disabled={pending}
              onClick={() =>
                run(() => deleteWebhookAction(slug, { id: endpoint.id }), {
                  confirm: { title: `Delete the endpoint ${endpoint.url}?`, description: 'Its deliveries and their record go with it. This cannot be undone.', action: 'Delete endpoint' },
                  onSuccess: () => router.push(`/t/${slug}/settings/webhooks`),
                })
              }
            >
              Delete
            </Button>
          </div>
        </CardContent>
      </Card>
      {test && (
        <Card role="region" aria-label="Test event">
          <CardHeader>
            <CardTitle>
              Test event: {test.delivered ? 'delivered' : 'not delivered'}
              {test.response ? ` (HTTP ${test.response.status}, ${test.response.durationMs} ms)` : ''}
            </CardTitle>
          </CardHeader>
          <CardContent className="grid gap-4 md:grid-cols-2">
            <section aria-label="Request sent">
              <h3 className="mb-1 text-sm font-medium">Request</h3>
              <pre className="overflow-x-auto rounded-md bg-muted p-2 text-xs whitespace-pre-wrap">
                {`POST ${test.request.url}\n${Object.entries(test.request.headers)
                  .map(([k, v]) => `${k}: ${v}`)
                  .join('\n')}\n\n${test.request.body}`}
              </pre>
            </section>
            <section aria-label="Response received">
              <h3 className="mb-1 text-sm font-medium">Response</h3>
              <pre className="overflow-x-auto rounded-md bg-muted p-2 text-xs whitespace-pre-wrap">{test.response ? `HTTP ${test.response.status}\n\n${test.response.body}` : (test.error ?? 'No answer.')}</pre>
              {test.response && test.error && <p className="mt-1 text-xs text-destructive">{test.error}</p>}
            </section>
          </CardContent>
        </Card>
      )}
      <Card>
        <CardHeader>
          <CardTitle>Deliveries</CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          <form
            className="flex flex-wrap items-end gap-2"
            aria-label="Replay failed deliveries"
            onSubmit={(e) => {
              e.preventDefault();
              run(() => replayFailedAction(slug, { id: endpoint.id, since: new Date(`${since}:00Z`).toISOString() }), {
                onSuccess: (r) => toast.success(r.count === 0 ? 'No failed deliveries since then.' : `${r.count === 1 ? '1 failed delivery is' : `${r.count} failed deliveries are`} being sent again.`),
              });
            }}
          >
            <div className="flex flex-col gap-1.5">
              <Label htmlFor="replay-since">Replay failed since (UTC)</Label>
              <Input id="replay-since" type="datetime-local" value={since} onChange={(e) => setSince(e.target.value)} required />
            </div>
            <Button type="submit" variant="outline" disabled={pending || !endpoint.enabled}>
              Replay failed
            </Button>
          </form>
          {deliveries.length === 0 ? (
            <p className="text-sm text-muted-foreground">No deliveries yet. Send a test event, or wait for one of the events this endpoint asks for.</p>
          ) : (
            <Table aria-label="Deliveries">
              <TableHeader>
                <TableRow>
                  <TableHead>Event</TableHead>
                  <TableHead>Tenant</TableHead>
                  <TableHead>Status</TableHead>
                  <TableHead>Attempts</TableHead>
                  <TableHead>Next retry</TableHead>
                  <TableHead>Created</TableHead>
                  <TableHead>
                    <span className="sr-only">Actions</span>
                  </TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {deliveries.map((d) => (
                  <TableRow key={d.id}>
                    <TableCell className="align-top">
                      <div className="font-mono text-xs">{d.eventType}</div>
                      <details className="mt-1">
                        <summary className="cursor-pointer text-xs text-muted-foreground">Payload and attempts</summary>
                        <div className="mt-1 font-mono text-xs text-muted-foreground">{d.eventId}</div>
                        <pre className="mt-1 max-w-xl overflow-x-auto rounded-md bg-muted p-2 text-xs">{JSON.stringify(d.payload, null, 2)}</pre>
                        <ol className="mt-1 text-xs">
                          {d.attemptLog.map((a) => (
                            <li key={a.attempt}>
                              #{a.attempt} {when(a.startedAt)}: {a.statusCode === null ? 'no answer' : `HTTP ${a.statusCode}`}, {a.durationMs} ms{a.error ? ` (${a.error})` : ''}
                              {a.response && <pre className="max-w-xl overflow-x-auto whitespace-pre-wrap text-muted-foreground">{a.response}</pre>}
                            </li>
                          ))}
                        </ol>
                      </details>
                    </TableCell>
                    <TableCell className="align-top text-xs">{d.sourceTenant.name ?? d.sourceTenant.id}</TableCell>
                    <TableCell className="align-top">
                      <StatusBadge value={d.status} />
                      {d.lastStatusCode !== null && <div className="text-xs text-muted-foreground">HTTP {d.lastStatusCode}</div>}
                    </TableCell>
                    <TableCell className="align-top text-xs">{d.attempts}</TableCell>
                    <TableCell className="align-top text-xs">{d.nextAttemptAt ? when(d.nextAttemptAt) : '—'}</TableCell>
                    <TableCell className="align-top text-xs">{when(d.createdAt)}</TableCell>
                    <TableCell className="align-top">
                      <Button type="button" size="sm" variant="outline" disabled={pending || !endpoint.enabled} aria-label={`Resend ${d.eventId}`} onClick={() => run(() => resendDeliveryAction(slug, { id: endpoint.id, deliveryId: d.id }), { success: 'Sending again' })}>
                        Resend
                      </Button>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>
      {dialog}
    </div>
  );
}
