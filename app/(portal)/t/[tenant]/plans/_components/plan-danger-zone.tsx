'use client';

import { useRouter } from 'next/navigation';
import { useActionRunner } from '@/components/forms/use-action-runner';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { deletePlanAction, discontinuePlanAction } from '../actions';

/** PLN-3: discontinue (impact first) and delete (refused, with the way out, while there is history). */
export function PlanDangerZone({ slug, plan }: { slug: string; plan: { id: string; name: string; subscriberCount: number; historyCount: number; discontinued: boolean } }) {
  const router = useRouter();
  const { pending, error, run, dialog } = useActionRunner();
  const n = plan.subscriberCount;
  return (
    <div className="flex flex-col gap-4 text-sm">
      <div className="flex flex-col gap-2">
        <p>Discontinue: no new sign-ups, open signings are rejected, and current subscriptions end at the end of their period.</p>
        <div>
          <Button
            variant="destructive"
            disabled={pending || plan.discontinued}
            onClick={() =>
              run(() => discontinuePlanAction(slug, { id: plan.id }), {
                confirm: {
                  title: `Discontinue ${plan.name}?`,
                  description: `${n} current subscriber${n === 1 ? '' : 's'} will lose ${plan.name} at the end of their period, and no one new can subscribe. This cannot be undone.`,
                  action: 'Discontinue',
                },
                success: `${plan.name} is discontinued.`,
              })
            }
          >
            {plan.discontinued ? 'Discontinued' : 'Discontinue plan'}
          </Button>
        </div>
      </div>
      <div className="flex flex-col gap-2">
        {plan.historyCount > 0 ? (
          <p id="delete-why">
            Delete is not available: {plan.name} has subscription history ({plan.historyCount}). Deactivate it (untick Active above) or discontinue it instead.
          </p>
        ) : (
          <p>Delete: nobody ever subscribed, so the plan can go entirely.</p>
        )}
        <div>
          <Button
            variant="outline"
            disabled={pending || plan.historyCount > 0}
            aria-describedby={plan.historyCount > 0 ? 'delete-why' : undefined}
            onClick={() =>
              run(() => deletePlanAction(slug, { id: plan.id }), {
                confirm: { title: `Delete ${plan.name}?`, description: 'The plan is removed for good.', action: 'Delete plan' },
                success: `${plan.name} deleted.`,
                onSuccess: () => router.push(`/t/${slug}/plans`),
              })
            }
          >
            Delete plan
          </Button>
        </div>
      </div>
      {error && <Alert variant="destructive">{error}</Alert>}
      {dialog}
    </div>
  );
}
