import type { Metadata } from 'next';
import { Badge } from '@/components/ui/badge';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { tenantPage } from '@/lib/auth/page';
import { listMySessions } from '@/lib/data/sessions';
import { RevokeButton } from './_components/revoke-button';

export const metadata: Metadata = { title: 'Sessions' };

const when = (iso: string) => iso.slice(0, 16).replace('T', ' ') + ' UTC';

/** The signed-in user's own sessions; they live in the home tenant only. */
export default async function SessionsPage({ params }: { params: Promise<{ tenant: string }> }) {
  const ctx = await tenantPage({ params, workspace: 'sessions' });
  const sessions = await listMySessions(ctx);
  return (
    <>
      <h1 className="mb-1 text-2xl font-semibold">Sessions</h1>
      <p className="mb-4 text-sm text-muted-foreground">Where you are signed in. Revoking one ends it on its next request.</p>
      <Table aria-label="Sessions">
        <TableHeader>
          <TableRow>
            <TableHead>Started</TableHead>
            <TableHead>Expires</TableHead>
            <TableHead>IP</TableHead>
            <TableHead>Browser</TableHead>
            <TableHead>State</TableHead>
            <TableHead />
          </TableRow>
        </TableHeader>
        <TableBody>
          {sessions.map((s) => (
            <TableRow key={s.id}>
              <TableCell>{when(s.createdAt)}</TableCell>
              <TableCell>{when(s.expiresAt)}</TableCell>
              <TableCell>{s.ip ?? '—'}</TableCell>
              <TableCell className="max-w-64 truncate" title={s.userAgent ?? ''}>
                {s.userAgent ?? '—'}
              </TableCell>
              <TableCell>
                {s.current ? <Badge variant="success">This session</Badge> : s.active ? <Badge>Active</Badge> : <Badge variant="outline">Ended</Badge>}
              </TableCell>
              <TableCell>{s.active && <RevokeButton slug={ctx.homeTenant.slug} id={s.id} current={s.current} />}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}
