import type { Metadata } from 'next';
import Link from 'next/link';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { StatusBadge } from '@/components/ui/status-badge';
import { orNotFound, pageId, tenantPage } from '@/lib/auth/page';
import { requestLocale } from '@/lib/auth/request';
import { suspensionReasonLabels } from '@/lib/config/enums';
import { formatPrice, subscriptionTransitions } from '@/lib/config/subscriptions';
import { getSubscription } from '@/lib/data/subscriptions';
import { can } from '@/lib/rbac';
import { SubscriptionActions } from '../_components/subscription-actions';

export const metadata: Metadata = { title: 'Subscription' };

const when = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '—');
const eventLabel = (event: string) => (subscriptionTransitions as Record<string, { label: string }>)[event]?.label ?? event;

/** One subscription: what it is, what staff can do with it, and its timeline (SUB-8). */
export default async function SubscriptionPage({ params }: { params: Promise<{ tenant: string; id: string }> }) {
  const ctx = await tenantPage({ params, workspace: 'subscriptions' });
  const s = await orNotFound(getSubscription(ctx, { id: await pageId(params) }));
  const slug = ctx.activeTenant.slug;
  const locale = await requestLocale();
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="mb-1 flex flex-wrap items-center gap-2 text-2xl font-semibold">
          {s.user.name}: {s.plan.name} <StatusBadge value={s.state} />
        </h1>
        <p className="text-sm text-muted-foreground">
          <Link className="underline underline-offset-4" href={`/t/${slug}/subscriptions`}>
            Subscriptions
          </Link>{' '}
          ·{' '}
          {can(ctx, 'users.read') ? (
            <Link className="underline underline-offset-4" href={`/t/${slug}/users/${s.user.id}`}>
              {s.user.email}
            </Link>
          ) : (
            s.user.email
          )}
        </p>
      </div>
      <Card>
        <CardContent className="pt-6">
          <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
            <dt className="text-muted-foreground">Price</dt>
            <dd>
              {formatPrice(s.priceMinor, s.currency, locale)} {s.billingCycle}
              {s.nextPriceMinor !== null && ` (from the next period ${formatPrice(s.nextPriceMinor, s.currency, locale)})`}
            </dd>
            <dt className="text-muted-foreground">Current period</dt>
            <dd>{s.currentPeriodStart ? `${when(s.currentPeriodStart)} to ${when(s.currentPeriodEnd)}` : '—'}</dd>
            {s.awaitingApproval && (
              <>
                <dt className="text-muted-foreground">Signing</dt>
                <dd>Confirmed by the subscriber; waiting for approval.</dd>
              </>
            )}
            {s.startsAt && (
              <>
                <dt className="text-muted-foreground">Starts</dt>
                <dd>{when(s.startsAt)}, when the subscriber&apos;s current plan ends (a switch that is not an upgrade)</dd>
              </>
            )}
            {s.cancelAtPeriodEnd && (
              <>
                <dt className="text-muted-foreground">Cancels</dt>
                <dd>
                  at the period end, {when(s.currentPeriodEnd)}
                  {s.cancelReason ? ` (${s.cancelReason})` : ''}
                </dd>
              </>
            )}
            {s.state === 'suspended' && s.suspensionReason && (
              <>
                <dt className="text-muted-foreground">Suspended</dt>
                <dd>
                  {suspensionReasonLabels[s.suspensionReason]} since {when(s.suspendedAt)}: {s.suspensionNote}. Ends {when(s.graceEndsAt)} unless resumed.
                </dd>
              </>
            )}
            {s.endedAt && (
              <>
                <dt className="text-muted-foreground">Ended</dt>
                <dd>{when(s.endedAt)}</dd>
              </>
            )}
          </dl>
        </CardContent>
      </Card>
      {can(ctx, 'subscriptions.write') && (
        <SubscriptionActions
          slug={slug}
          subscription={{ id: s.id, state: s.state, awaitingApproval: s.awaitingApproval, cancelAtPeriodEnd: s.cancelAtPeriodEnd, label: `${s.plan.name} of ${s.user.name}` }}
          tenantName={ctx.activeTenant.name}
          viaLink={ctx.via === 'link'}
        />
      )}
      <Card>
        <CardHeader>
          <CardTitle>Timeline</CardTitle>
        </CardHeader>
        <CardContent>
          <ol className="flex flex-col gap-3" aria-label="Timeline">
            {s.history!.map((e) => (
              <li key={e.id} className="text-sm">
                <div className="font-medium">
                  {eventLabel(e.event)}: {e.from ?? 'none'} → {e.to}
                </div>
                <div>
                  {e.actor} · <time dateTime={e.at}>{when(e.at)}</time>
                </div>
                {e.reason && <div className="text-muted-foreground">{e.reason}</div>}
              </li>
            ))}
          </ol>
        </CardContent>
      </Card>
    </div>
  );
}
