import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden } from 'next/navigation';
import { tenantPage } from '@/lib/auth/page';
import { requestLocale } from '@/lib/auth/request';
import { can } from '@/lib/rbac';
import { PlanForm } from '../_components/plan-form';

export const metadata: Metadata = { title: 'New plan' };

export default async function NewPlanPage({ params }: { params: Promise<{ tenant: string }> }) {
  const ctx = await tenantPage({ params, workspace: 'plans' });
  if (!can(ctx, 'plans.write')) forbidden();
  return (
    <div className="flex flex-col gap-4">
      <div>
        <h1 className="mb-1 text-2xl font-semibold">New plan</h1>
        <Link className="text-sm underline underline-offset-4" href={`/t/${ctx.activeTenant.slug}/plans`}>
          Back to plans
        </Link>
      </div>
      <PlanForm slug={ctx.activeTenant.slug} plan={null} locale={await requestLocale()} />
    </div>
  );
}
