import Link from 'next/link';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { StatusBadge } from '@/components/ui/status-badge';
import { linkAccessRoleLabels } from '@/lib/config/enums';
import type { ManagedTenantCard } from '@/lib/validation/overview';
import { isLive } from '@/lib/tenancy/context';
import { tenantAccent } from '@/lib/tenancy/accent';

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : null);

/**
 * A partner's managed tenants as cards: status, the link's access role in words and its dates,
 * the tenant's key numbers as the link lets the partner read them, and "Switch to".
 */
export function ManagedTenantCards({ cards }: { cards: ManagedTenantCard[] }) {
  if (cards.length === 0) {
    return <p className="text-sm text-muted-foreground">No managed tenants yet. Request a link on the Links page; the tenant&apos;s admin approves it.</p>;
  }
  return (
    <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3" aria-label="Managed tenants">
      {cards.map((t) => {
        const live = t.tenantStatus === 'active' && isLive(t.link.state);
        return (
          <li key={t.link.id}>
            <Card className="h-full border-l-4" style={{ borderLeftColor: tenantAccent(t.slug) }}>
              <CardHeader className="pb-3">
                <CardTitle className="flex items-center justify-between gap-2 text-base">
                  <span>
                    {t.name} <span className="font-mono text-xs font-normal text-muted-foreground">{t.slug}</span>
                  </span>
                  <StatusBadge value={t.tenantStatus === 'active' ? t.link.state : t.tenantStatus} />
                </CardTitle>
                <p className="text-sm text-muted-foreground">
                  {linkAccessRoleLabels[t.link.accessRole]}
                  {t.link.state === 'not_started' ? `, from ${day(t.link.startsAt)}` : t.link.endsAt ? `, until ${day(t.link.endsAt)}` : ', open-ended'}
                </p>
              </CardHeader>
              <CardContent className="flex flex-col gap-3 text-sm">
                <dl className="grid grid-cols-2 gap-2">
                  <div>
                    <dt className="text-muted-foreground">Users</dt>
                    <dd className="text-lg font-semibold">{t.numbers?.users ? t.numbers.users.total : '—'}</dd>
                  </div>
                  <div>
                    <dt className="text-muted-foreground">Open tickets</dt>
                    <dd className="text-lg font-semibold">{t.numbers?.tickets ? t.numbers.tickets.open : '—'}</dd>
                  </div>
                </dl>
                {live ? (
                  <Link prefetch={false} href={`/t/${t.slug}`} className="self-start rounded-md border px-3 py-1.5 font-medium hover:bg-secondary">
                    Switch to {t.name}
                  </Link>
                ) : (
                  <p className="text-muted-foreground">Not reachable now.</p>
                )}
              </CardContent>
            </Card>
          </li>
        );
      })}
    </ul>
  );
}
