import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { ManagedTenantCards } from '@/components/tenancy/managed-tenant-cards';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { StatusBadge } from '@/components/ui/status-badge';
import { tenantPage, tenantTitle } from '@/lib/auth/page';
import { userTypeLabels } from '@/lib/config/enums';
import { managedTenantCards, tenantNumbers } from '@/lib/data/overview';
import { can } from '@/lib/rbac';

export function generateMetadata({ params }: { params: Promise<{ tenant: string }> }): Promise<Metadata> {
  return tenantTitle(params, 'Overview');
}

/**
 * A tenant's home: the caller's own account, the key numbers they may read here (each links to
 * the list behind it), and for partner staff at home, their managed tenants. End users land on
 * My account instead: it is their home page.
 */
export default async function Overview({ params }: { params: Promise<{ tenant: string }> }) {
  const ctx = await tenantPage({ params, workspace: 'overview' });
  const slug = ctx.activeTenant.slug;
  if (ctx.via === 'home' && ctx.user.type !== 'admin') redirect(`/t/${slug}/account`);
  const [numbers, managed] = await Promise.all([
    tenantNumbers(ctx),
    ctx.via === 'home' && can(ctx, 'partner.tenants.list') ? managedTenantCards(ctx) : null,
  ]);

  return (
    <>
      <h1 className="mb-1 text-2xl font-semibold">{ctx.activeTenant.name}</h1>
      <p className="mb-6 text-sm text-muted-foreground">
        {ctx.via === 'link' ? `You act here through ${ctx.homeTenant.name}'s link.` : `Signed in as ${ctx.user.name}.`}
      </p>
      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
        {ctx.via === 'home' && (
          <Card>
            <CardHeader className="pb-3">
              <CardTitle className="text-base">Your account</CardTitle>
            </CardHeader>
            <CardContent className="flex flex-col gap-2 text-sm">
              <p>
                {ctx.user.name} <span className="text-muted-foreground">{ctx.user.email}</span>
              </p>
              <p className="flex gap-2">
                <span className="rounded-md border px-2 py-0.5 text-xs">{userTypeLabels[ctx.user.type]}</span>
                <StatusBadge value={ctx.user.status} />
              </p>
              <Link prefetch={false} href={`/t/${slug}/account`} className="text-primary hover:underline">
                My account
              </Link>
            </CardContent>
          </Card>
        )}
        {numbers.users && (
          <Card>
            <CardHeader className="pb-3">
              <CardTitle className="text-base">Users</CardTitle>
            </CardHeader>
            <CardContent className="text-sm">
              <Link prefetch={false} href={`/t/${slug}/users`} className="text-3xl font-semibold hover:underline" aria-label={`${numbers.users.total} users: open the list`}>
                {numbers.users.total}
              </Link>
              <ul className="mt-3 grid grid-cols-2 gap-1" aria-label="Users by type">
                {Object.entries(numbers.users.byType).map(([type, n]) => (
                  <li key={type}>
                    <Link prefetch={false} href={`/t/${slug}/users?type=${type}`} className="hover:underline">
                      {userTypeLabels[type as keyof typeof userTypeLabels]}: <strong>{n}</strong>
                    </Link>
                  </li>
                ))}
              </ul>
            </CardContent>
          </Card>
        )}
        {numbers.tickets && (
          <Card>
            <CardHeader className="pb-3">
              <CardTitle className="text-base">Open tickets</CardTitle>
            </CardHeader>
            <CardContent className="text-sm">
              <Link prefetch={false} href={`/t/${slug}/tickets?status=open`} className="text-3xl font-semibold hover:underline" aria-label={`${numbers.tickets.open} open tickets: open the list`}>
                {numbers.tickets.open}
              </Link>
              <ul className="mt-3 grid grid-cols-2 gap-1" aria-label="Tickets by status">
                {Object.entries(numbers.tickets.byStatus).map(([status, n]) => (
                  <li key={status}>
                    <Link prefetch={false} href={`/t/${slug}/tickets?status=${status}`} className="hover:underline">
                      <StatusBadge value={status} /> <strong>{n}</strong>
                    </Link>
                  </li>
                ))}
              </ul>
            </CardContent>
          </Card>
        )}
      </div>
      {managed && (
        <section aria-labelledby="managed-heading" className="mt-8">
          <h2 id="managed-heading" className="mb-3 text-lg font-semibold">
            Managed tenants
          </h2>
          <ManagedTenantCards cards={managed} />
        </section>
      )}
    </>
  );
}
