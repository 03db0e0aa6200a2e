import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { pageId, tenantPage } from '@/lib/auth/page';
import { requestLocale } from '@/lib/auth/request';
import { formatPrice, isUpgrade } from '@/lib/config/subscriptions';
import { listMyPlanCards } from '@/lib/data/plans';
import { getMySubscription } from '@/lib/data/subscriptions';
import { can } from '@/lib/rbac';
import { Checkout } from '../_components/checkout';

export const metadata: Metadata = { title: 'Subscribe' };

/** SUB-3: Review -> Sign -> Result for one plan of the user's tenant. */
export default async function CheckoutPage({ params }: { params: Promise<{ tenant: string; id: string }> }) {
  const ctx = await tenantPage({ params, workspace: 'account' });
  const id = await pageId(params);
  const slug = ctx.homeTenant.slug;
  const plansHref = `/t/${slug}/account/plans`;
  const [cards, mine] = await Promise.all([listMyPlanCards(ctx), getMySubscription(ctx)]);
  const plan = cards.find((c) => c.id === id);
  if (!plan) notFound();
  const signing = [mine.subscription, mine.signing].find((s) => s?.state === 'signing' && s.plan.id === id) ?? null;
  // Nothing to sign here: the plans page explains why. Already this plan: the result step.
  if (!signing && !plan.current && (!plan.eligible || !can(ctx, 'subscriptions.self'))) redirect(plansHref);
  const locale = await requestLocale();
  const current = mine.subscription && mine.subscription.state !== 'signing' && mine.subscription.state !== 'unsigned' ? mine.subscription : null;
  const longDate = (iso: string) => new Date(iso).toLocaleDateString(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  // A switch that is not an upgrade starts when the current period ends (lib/config/subscriptions.ts).
  const startsAt = signing?.startsAt ?? (current?.state === 'signed' && current.currentPeriodEnd && !isUpgrade(current, plan) ? current.currentPeriodEnd : null);

  return (
    <div className="flex max-w-2xl flex-col gap-6">
      <div>
        <h1 className="mb-1 text-2xl font-semibold">Subscribe to {plan.name}</h1>
        <p className="text-sm text-muted-foreground">
          <Link className="underline underline-offset-4" href={plansHref}>
            Plans
          </Link>{' '}
          / {plan.name}
        </p>
      </div>
      <Checkout
        slug={slug}
        plan={{ id: plan.id, name: plan.name, price: formatPrice(plan.priceMinor, plan.currency, locale), cycle: plan.billingCycle, features: plan.features }}
        tenantName={ctx.homeTenant.name}
        today={new Date().toLocaleDateString(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })}
        switchingFrom={current?.plan.name ?? null}
        switchStartsOn={startsAt ? longDate(startsAt) : null}
        signing={signing ? { id: signing.id, awaitingApproval: signing.awaitingApproval, scheduled: signing.startsAt !== null } : null}
        subscribed={plan.current}
        code={signing ? mine.code : null}
        email={ctx.user.email}
      />
    </div>
  );
}
