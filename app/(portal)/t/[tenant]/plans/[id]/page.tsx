import type { Metadata } from 'next';
import Link from 'next/link';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { orNotFound, pageId, tenantPage } from '@/lib/auth/page';
import { requestLocale } from '@/lib/auth/request';
import { getPlan } from '@/lib/data/plans';
import { can } from '@/lib/rbac';
import { PlanDangerZone } from '../_components/plan-danger-zone';
import { PlanForm } from '../_components/plan-form';

export const metadata: Metadata = { title: 'Plan' };

export default async function PlanPage({ params }: { params: Promise<{ tenant: string; id: string }> }) {
  const ctx = await tenantPage({ params, workspace: 'plans' });
  const plan = await orNotFound(getPlan(ctx, { id: await pageId(params) }));
  const slug = ctx.activeTenant.slug;
  const writable = can(ctx, 'plans.write');
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="mb-1 text-2xl font-semibold">{plan.name}</h1>
        <p className="text-sm text-muted-foreground">
          <Link className="underline underline-offset-4" href={`/t/${slug}/plans`}>
            Plans
          </Link>{' '}
          · {plan.subscriberCount} current subscriber{plan.subscriberCount === 1 ? '' : 's'} ·{' '}
          <Link className="underline underline-offset-4" href={`/t/${slug}/subscriptions?plan=${plan.id}`}>
            See subscriptions
          </Link>
        </p>
      </div>
      {writable ? (
        <PlanForm slug={slug} plan={plan} locale={await requestLocale()} />
      ) : (
        <p className="text-sm">You can read this plan; editing needs plans.write.</p>
      )}
      {writable && (
        <Card>
          <CardHeader>
            <CardTitle>Discontinue or delete</CardTitle>
            <CardDescription>Both are for good.</CardDescription>
          </CardHeader>
          <CardContent>
            <PlanDangerZone slug={slug} plan={{ id: plan.id, name: plan.name, subscriberCount: plan.subscriberCount, historyCount: plan.historyCount, discontinued: Boolean(plan.discontinuedAt) }} />
          </CardContent>
        </Card>
      )}
    </div>
  );
}
