import { Check } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { formatPrice, joinTypes } from '@/lib/config/subscriptions';
import { cn } from '@/lib/utils';
import type { PlanCardDto } from '@/lib/validation/plans';

/**
 * One plan as a customer sees it (SUB-1): price in the reader's locale, cycle, what it includes,
 * who it is for, and the action (`children`): subscribe, "Current plan", or a disabled button
 * with the reason in text beside it.
 */
export function PlanCard({ plan, locale, children }: { plan: PlanCardDto; locale: string; children: React.ReactNode }) {
  const titleId = `plan-${plan.id}`;
  return (
    <Card aria-labelledby={titleId} className={cn('flex flex-col', plan.current && 'border-primary ring-2 ring-primary/30')} data-testid="plan-card">
      <CardHeader>
        <div className="flex items-start justify-between gap-2">
          <CardTitle id={titleId}>{plan.name}</CardTitle>
          {plan.current && <Badge variant="success">Current plan</Badge>}
        </div>
        <CardDescription>{plan.description}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-1 flex-col gap-4">
        <p>
          <span className="text-2xl font-semibold">{formatPrice(plan.priceMinor, plan.currency, locale)}</span>
          <span className="text-sm text-muted-foreground"> / {plan.billingCycle === 'yearly' ? 'year' : 'month'}</span>
        </p>
        {plan.features.length > 0 && (
          <ul className="flex flex-col gap-1 text-sm">
            {plan.features.map((f) => (
              <li key={f} className="flex items-start gap-2">
                <Check aria-hidden className="mt-0.5 size-4 shrink-0 text-emerald-700" />
                {f}
              </li>
            ))}
          </ul>
        )}
        <p className="text-xs text-muted-foreground">For {joinTypes(plan.availableFor)} accounts.</p>
        <div className="mt-auto flex flex-col gap-2">{children}</div>
      </CardContent>
    </Card>
  );
}
