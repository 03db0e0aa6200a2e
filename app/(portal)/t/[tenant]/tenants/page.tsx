import type { Metadata } from 'next';
import { ManagedTenantCards } from '@/components/tenancy/managed-tenant-cards';
import { tenantPage } from '@/lib/auth/page';
import { managedTenantCards } from '@/lib/data/overview';

export const metadata: Metadata = { title: 'Managed tenants' };

/** Every tenant the partner holds an approved link to, reachable or not, with its numbers. */
export default async function ManagedTenantsPage({ params }: { params: Promise<{ tenant: string }> }) {
  const ctx = await tenantPage({ params, workspace: 'tenants' });
  const cards = await managedTenantCards(ctx);
  return (
    <>
      <h1 className="mb-1 text-2xl font-semibold">Managed tenants</h1>
      <p className="mb-6 text-sm text-muted-foreground">The numbers are read through each link, within what its access role allows; each read is audited in that tenant.</p>
      <ManagedTenantCards cards={cards} />
    </>
  );
}
