import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { StatusBadge } from '@/components/ui/status-badge';
import { orNotFound, pageId, tenantPage } from '@/lib/auth/page';
import { alertTypeLabels, createTicketHref } from '@/lib/config/alerts';
import { alertStatusWord } from '@/lib/config/status';
import { getAlert } from '@/lib/data/alerts';
import { can } from '@/lib/rbac';

export const metadata: Metadata = { title: 'Alert' };

const when = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '—');

/** One alert: what, where, how often, who worked it, and its history with actors. */
export default async function AlertPage({ params }: { params: Promise<{ tenant: string; id: string }> }) {
  const ctx = await tenantPage({ params, workspace: 'alerts' });
  const alert = await orNotFound(getAlert(ctx, { id: await pageId(params) }));
  // An alert lives in its own tenant's pages.
  if (alert.tenant.id !== ctx.activeTenant.id) notFound();
  const slug = ctx.activeTenant.slug;
  const facts: [string, React.ReactNode][] = [
    ['Kind', alertTypeLabels[alert.type]],
    ['Severity', <StatusBadge key="s" value={alert.severity} />],
    ['Status', <StatusBadge key="t" value={alertStatusWord(alert.status)} />],
    ['Seen', `${alert.occurrences === 1 ? 'once' : `${alert.occurrences} times`}: first ${when(alert.firstSeenAt)}, last ${when(alert.lastSeenAt)}`],
    ['Assignee', alert.assignee?.name ?? '—'],
    ['Acknowledged', alert.acknowledgedAt ? `${when(alert.acknowledgedAt)} by ${alert.acknowledgedBy}` : '—'],
    ['Resolved', alert.resolvedAt ? `${when(alert.resolvedAt)} by ${alert.resolvedBy}` : '—'],
  ];
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <div>
        <p className="text-sm text-muted-foreground">
          <Link className="underline underline-offset-4" href={`/t/${slug}/alerts`}>
            Alerts
          </Link>{' '}
          / {alert.title}
        </p>
        <h1 className="mt-1 text-2xl font-semibold">{alert.title}</h1>
        <p className="mt-1 text-sm">{alert.message}</p>
        {alert.ticket && (
          <p className="mt-1 text-sm">
            Ticket:{' '}
            <Link className="underline underline-offset-4" href={`/t/${slug}/tickets/${alert.ticket.id}`}>
              {alert.ticket.number}
            </Link>
          </p>
        )}
        {can(ctx, 'tickets.create') && !alert.ticket && (
          <p className="mt-2 text-sm">
            <Link className="underline underline-offset-4" href={createTicketHref(alert)}>
              Create a ticket from this alert
            </Link>
          </p>
        )}
      </div>
      <Card>
        <CardContent className="pt-6">
          <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm">
            {facts.map(([k, v]) => (
              <div key={k} className="contents">
                <dt className="text-muted-foreground">{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>History</CardTitle>
        </CardHeader>
        <CardContent>
          <ol className="flex flex-col gap-2 text-sm">
            {alert.events.map((e) => (
              <li key={e.id}>
                <time dateTime={e.at}>{when(e.at)}</time>: {e.action} by {e.actor}
                {e.note && <span className="text-muted-foreground"> — {e.note}</span>}
              </li>
            ))}
          </ol>
        </CardContent>
      </Card>
    </div>
  );
}
