import type { Metadata } from 'next';
import Link from 'next/link';
import { PlanCard } from '@/components/plans/plan-card';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { StatusBadge } from '@/components/ui/status-badge';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { tenantPage } from '@/lib/auth/page';
import { requestLocale } from '@/lib/auth/request';
import { planUserTypes, type PlanUserType } from '@/lib/config/enums';
import { formatPrice } from '@/lib/config/subscriptions';
import { listPlans, previewPlanCards } from '@/lib/data/plans';
import { can } from '@/lib/rbac';
import { firstValues } from '@/lib/validation/common';

export const metadata: Metadata = { title: 'Plans' };

type Props = { params: Promise<{ tenant: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The tenant's plan catalogue (PLN-1..4): the table, and "Preview as basic / advanced / company". */
export default async function PlansPage({ params, searchParams }: Props) {
  const ctx = await tenantPage({ params, workspace: 'plans' });
  const slug = ctx.activeTenant.slug;
  const locale = await requestLocale();
  const asked = firstValues(await searchParams).preview;
  const preview: PlanUserType | undefined = planUserTypes.find((t) => t === asked);
  const [plans, cards] = await Promise.all([listPlans(ctx, {}), preview ? previewPlanCards(ctx, { as: preview }) : Promise.resolve(null)]);
  const writable = can(ctx, 'plans.write');

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-semibold">Plans</h1>
        {writable && (
          <Button asChild>
            <Link href={`/t/${slug}/plans/new`}>New plan</Link>
          </Button>
        )}
      </div>
      {plans.length === 0 ? (
        <p className="text-sm text-muted-foreground">No plans yet. {writable ? 'Create the first one: end users see it on their Plans page.' : ''}</p>
      ) : (
        <Table aria-label="Plans">
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead>Price</TableHead>
              <TableHead>Eligible types</TableHead>
              <TableHead>Status</TableHead>
              <TableHead className="text-right">Subscribers</TableHead>
              <TableHead>Last changed</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {plans.map((p) => (
              <TableRow key={p.id}>
                <TableCell>
                  <Link className="font-medium underline-offset-4 hover:underline" href={`/t/${slug}/plans/${p.id}`}>
                    {p.name}
                  </Link>
                </TableCell>
                <TableCell className="whitespace-nowrap">
                  {formatPrice(p.priceMinor, p.currency, locale)} / {p.billingCycle === 'yearly' ? 'year' : 'month'}
                </TableCell>
                <TableCell>
                  <div className="flex flex-wrap gap-1">
                    {p.availableFor.map((t) => (
                      <Badge key={t} variant="outline">
                        {t}
                      </Badge>
                    ))}
                  </div>
                </TableCell>
                <TableCell>{p.discontinuedAt ? <Badge variant="destructive">Discontinued</Badge> : <StatusBadge value={p.active ? 'active' : 'inactive'} />}</TableCell>
                <TableCell className="text-right tabular-nums">{p.subscriberCount}</TableCell>
                <TableCell>
                  <time dateTime={p.updatedAt} className="whitespace-nowrap text-xs">
                    {p.updatedAt.slice(0, 10)}
                  </time>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}

      <section aria-labelledby="preview-title" className="flex flex-col gap-3">
        <h2 id="preview-title" className="text-lg font-semibold">
          Preview as a customer
        </h2>
        <nav aria-label="Preview as" className="flex flex-wrap gap-2">
          {planUserTypes.map((t) => (
            <Button key={t} asChild size="sm" variant={preview === t ? 'default' : 'outline'}>
              <Link href={`/t/${slug}/plans?preview=${t}`} aria-current={preview === t ? 'page' : undefined}>
                Preview as {t}
              </Link>
            </Button>
          ))}
        </nav>
        {cards && (
          <div className="grid gap-4 md:grid-cols-2 lg:grid-cols-3" aria-label={`Plans as a ${preview} user sees them`}>
            {cards.map((plan) => (
              <PlanCard key={plan.id} plan={plan} locale={locale}>
                <Button disabled aria-describedby={plan.eligible ? undefined : `preview-why-${plan.id}`}>
                  Subscribe
                </Button>
                {!plan.eligible && (
                  <p id={`preview-why-${plan.id}`} className="text-sm text-muted-foreground">
                    {plan.reason}
                  </p>
                )}
              </PlanCard>
            ))}
          </div>
        )}
      </section>
    </div>
  );
}
