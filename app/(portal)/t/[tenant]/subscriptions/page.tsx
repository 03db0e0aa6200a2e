import type { Metadata } from 'next';
import { firstPageIfBadCursor, listParams, tenantPage } from '@/lib/auth/page';
import { requestLocale } from '@/lib/auth/request';
import { listPlans } from '@/lib/data/plans';
import { listSubscriptions } from '@/lib/data/subscriptions';
import { can } from '@/lib/rbac';
import { firstValues } from '@/lib/validation/common';
import { listSubscriptionsSchema } from '@/lib/validation/plans';
import { SubscriptionsTable } from './_components/subscriptions-table';

export const metadata: Metadata = { title: 'Subscriptions' };

type Props = { params: Promise<{ tenant: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** SUB-8: every subscription of the tenant, filtered by state and plan (in the URL), keyset pages. */
export default async function SubscriptionsPage({ params, searchParams }: Props) {
  const ctx = await tenantPage({ params, workspace: 'subscriptions' });
  const raw = firstValues(await searchParams);
  const input = listParams(listSubscriptionsSchema, { state: raw.state, planId: raw.plan, sort: raw.sort, cursor: raw.cursor, limit: raw.size });
  const [page, plans] = await Promise.all([firstPageIfBadCursor((i) => listSubscriptions(ctx, i), input), can(ctx, 'plans.read') ? listPlans(ctx, {}) : Promise.resolve([])]);
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">Subscriptions</h1>
      <SubscriptionsTable slug={ctx.activeTenant.slug} owner={ctx.user.id} page={page} sort={input.sort} plans={plans.map((p) => ({ value: p.id, text: p.name }))} locale={await requestLocale()} />
    </>
  );
}
