import type { Metadata } from 'next';
import Link from 'next/link';
import { StatusBadge } from '@/components/ui/status-badge';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { tenantPage } from '@/lib/auth/page';
import { linkAccessRoleLabels, relationshipTypeWords } from '@/lib/config/enums';
import { describeMyAccess } from '@/lib/data/me';
import { isLive } from '@/lib/tenancy/context';

export const metadata: Metadata = { title: 'My access' };

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '—');

/** Every tenant the user can reach: home with their roles, and each managed tenant with its link. */
export default async function MyAccessPage({ params }: { params: Promise<{ tenant: string }> }) {
  const ctx = await tenantPage({ params, workspace: 'my-access' });
  const access = await describeMyAccess(ctx);
  return (
    <>
      <h1 className="mb-1 text-2xl font-semibold">My access</h1>
      <p className="mb-4 text-sm text-muted-foreground">Where you can act, with which role, through which link and until when.</p>
      <Table aria-label="My access">
        <TableHeader>
          <TableRow>
            <TableHead>Tenant</TableHead>
            <TableHead>Role</TableHead>
            <TableHead>Granted by</TableHead>
            <TableHead>From</TableHead>
            <TableHead>Until</TableHead>
            <TableHead>State</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          <TableRow>
            <TableCell>
              <Link prefetch={false} href={`/t/${access.home.slug}`} className="text-primary hover:underline">
                {access.home.name}
              </Link>{' '}
              <span className="text-xs text-muted-foreground">home</span>
            </TableCell>
            <TableCell>{access.home.roles.map((r) => r.name).join(', ') || 'No role'}</TableCell>
            <TableCell>Your account</TableCell>
            <TableCell>—</TableCell>
            <TableCell>—</TableCell>
            <TableCell>
              <StatusBadge value="active" />
            </TableCell>
          </TableRow>
          {access.links.map((t) => {
            const live = t.tenantStatus === 'active' && isLive(t.link.state);
            return (
              <TableRow key={t.link.id}>
                <TableCell>
                  {live ? (
                    <Link prefetch={false} href={`/t/${t.slug}`} className="text-primary hover:underline">
                      {t.name}
                    </Link>
                  ) : (
                    t.name
                  )}{' '}
                  <span className="font-mono text-xs text-muted-foreground">{t.slug}</span>
                </TableCell>
                <TableCell>{linkAccessRoleLabels[t.link.accessRole]}</TableCell>
                <TableCell>
                  Link held by {access.home.name} · {relationshipTypeWords(t.link.relationshipType)}
                </TableCell>
                <TableCell>{day(t.link.startsAt)}</TableCell>
                <TableCell>{t.link.endsAt ? day(t.link.endsAt) : 'open-ended'}</TableCell>
                <TableCell>
                  <StatusBadge value={t.tenantStatus === 'active' ? t.link.state : t.tenantStatus} />
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      {access.links.length === 0 && (
        <p className="mt-4 text-sm text-muted-foreground">
          {access.partnerRoles ? 'Your partner holds no approved link to another tenant.' : 'You act in your own tenant only.'}
        </p>
      )}
    </>
  );
}
