import type { Metadata } from 'next';
import Link from 'next/link';
import { PlanCard } from '@/components/plans/plan-card';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { StatusBadge } from '@/components/ui/status-badge';
import { requestLocale } from '@/lib/auth/request';
import { tenantPage } from '@/lib/auth/page';
import { formatPrice } from '@/lib/config/subscriptions';
import { listMyPlanCards } from '@/lib/data/plans';
import { getMySubscription } from '@/lib/data/subscriptions';
import { can } from '@/lib/rbac';
import { CancelControls, SigningControls } from './_components/subscription-controls';

export const metadata: Metadata = { title: 'Plans' };

const day = (iso: string | null, locale: string) => (iso ? new Date(iso).toLocaleDateString(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }) : '');

/** SUB-1, SUB-2, SUB-4, SUB-7: the tenant's plans as cards, the user's own plan and what they can do with it. */
export default async function MyPlansPage({ params }: { params: Promise<{ tenant: string }> }) {
  const ctx = await tenantPage({ params, workspace: 'account' });
  const slug = ctx.homeTenant.slug;
  const locale = await requestLocale();
  const [cards, mine] = await Promise.all([listMyPlanCards(ctx), getMySubscription(ctx)]);
  const s = mine.subscription;
  const current = s && (s.state === 'signed' || s.state === 'suspended') ? s : null;
  const signing = s?.state === 'signing' ? s : mine.signing;
  const canSubscribe = can(ctx, 'subscriptions.self') && ctx.user.type !== 'admin';
  const upgradeHref = `/t/${slug}/account`;

  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="mb-1 text-2xl font-semibold">Plans</h1>
        <p className="text-sm text-muted-foreground">
          <Link className="underline underline-offset-4" href={`/t/${slug}/account`}>
            My account
          </Link>{' '}
          / Plans of {ctx.homeTenant.name}
        </p>
      </div>

      {(current || signing) && (
        <Card>
          <CardHeader>
            <CardTitle className="flex flex-wrap items-center gap-2">
              Your subscription <StatusBadge value={mine.status === 'signing' && !current ? 'signing' : (current?.state ?? 'unsigned')} />
            </CardTitle>
            {current && (
              <CardDescription>
                {current.plan.name}: {formatPrice(current.priceMinor, current.currency, locale)} {current.billingCycle}
                {current.currentPeriodEnd && ` · current period ends ${day(current.currentPeriodEnd, locale)}`}
                {current.nextPriceMinor !== null && ` · from the next period ${formatPrice(current.nextPriceMinor, current.currency, locale)}`}
              </CardDescription>
            )}
          </CardHeader>
          <CardContent className="flex flex-col gap-4">
            {current?.state === 'signed' && (
              <CancelControls slug={slug} planName={current.plan.name} periodEnd={day(current.currentPeriodEnd, locale)} scheduled={current.cancelAtPeriodEnd} reason={current.cancelReason} />
            )}
            {signing && <SigningControls slug={slug} signing={{ id: signing.id, planId: signing.plan.id, planName: signing.plan.name, awaitingApproval: signing.awaitingApproval, startsOn: signing.startsAt ? day(signing.startsAt, locale) : null }} />}
          </CardContent>
        </Card>
      )}

      {ctx.user.type === 'guest' && (
        <Alert variant="info" className="flex flex-wrap items-center justify-between gap-2">
          <span>Complete identity verification to subscribe.</span>
          <Button asChild size="sm">
            <Link href={`/t/${slug}/account/verify`}>Verify your identity</Link>
          </Button>
        </Alert>
      )}

      {cards.length === 0 ? (
        <p className="text-sm text-muted-foreground">{ctx.homeTenant.name} offers no plans yet.</p>
      ) : (
        <div className="grid gap-4 md:grid-cols-2 lg:grid-cols-3" aria-label="Plans">
          {cards.map((plan) => (
            <PlanCard key={plan.id} plan={plan} locale={locale}>
              <PlanAction
                plan={plan}
                slug={slug}
                canSubscribe={canSubscribe}
                current={current ? { planName: current.plan.name, state: current.state, switchingAllowed: mine.switchingAllowed } : null}
                signingPlanId={signing?.plan.id ?? null}
                upgradeHref={upgradeHref}
              />
            </PlanCard>
          ))}
        </div>
      )}
    </div>
  );
}

/** A card's button: subscribe, continue a signing, "Current plan", or disabled with the reason in text. */
function PlanAction(p: {
  plan: Awaited<ReturnType<typeof listMyPlanCards>>[number];
  slug: string;
  canSubscribe: boolean;
  current: { planName: string; state: string; switchingAllowed: boolean } | null;
  signingPlanId: string | null;
  upgradeHref: string;
}) {
  const reasonId = `why-${p.plan.id}`;
  const disabled = (reason: React.ReactNode, label = 'Subscribe') => (
    <>
      <Button disabled aria-describedby={reasonId}>
        {label}
      </Button>
      <p id={reasonId} className="text-sm text-muted-foreground">
        {reason}
      </p>
    </>
  );
  if (p.plan.current) return <Button disabled>Current plan</Button>;
  if (p.signingPlanId === p.plan.id) {
    return (
      <Button asChild>
        <Link href={`/t/${p.slug}/account/plans/${p.plan.id}`}>Continue signing</Link>
      </Button>
    );
  }
  if (!p.plan.eligible) {
    const unlock = p.plan.reason?.startsWith('Available to') ? (
      <>
        {p.plan.reason}{' '}
        <Link className="underline underline-offset-4" href={p.upgradeHref}>
          {p.plan.availableFor.includes('company') && !p.plan.availableFor.includes('advanced') ? 'Verify your business' : 'Request an upgrade'}
        </Link>
      </>
    ) : (
      p.plan.reason
    );
    return disabled(unlock);
  }
  if (!p.canSubscribe) return disabled('Your account cannot subscribe here.');
  if (p.signingPlanId) return disabled('Finish or cancel your open signing first.');
  if (p.current?.state === 'suspended') return disabled(`Your ${p.current.planName} subscription is suspended: resolve it first.`);
  if (p.current && !p.current.switchingAllowed) return disabled(`One plan at a time: cancel ${p.current.planName} first.`);
  if (p.current) {
    return (
      <Button asChild variant="outline">
        <Link href={`/t/${p.slug}/account/plans/${p.plan.id}`}>Switch to this plan</Link>
      </Button>
    );
  }
  return (
    <Button asChild>
      <Link href={`/t/${p.slug}/account/plans/${p.plan.id}`}>Subscribe</Link>
    </Button>
  );
}
