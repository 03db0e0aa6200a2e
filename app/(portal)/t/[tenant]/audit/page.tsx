import type { Metadata } from 'next';
import Link from 'next/link';
import { PortalShell } from '@/components/layout/portal-shell';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { getPageContext } from '@/lib/auth/request';
import { listAuditEvents } from '@/lib/data/audit-log';
import { can } from '@/lib/rbac';
import { auditFiltersSchema, listAuditSchema } from '@/lib/validation/audit';
import { VerifyButton } from './_components/verify-button';

export const metadata: Metadata = { title: 'Audit' };

type Props = { params: Promise<{ tenant: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };
const filterFields = [
  ['actor', 'Actor email'],
  ['partner', 'Partner (slug)'],
  ['action', 'Action starts with'],
  ['resourceType', 'Resource type'],
  ['resourceId', 'Resource id'],
  ['from', 'From (ISO date)'],
  ['to', 'To (ISO date)'],
] as const;

export default async function AuditPage({ params, searchParams }: Props) {
  const { tenant } = await params;
  const ctx = await getPageContext(tenant);
  if (!can(ctx, 'audit.read')) {
    return (
      <PortalShell ctx={ctx} workspace="audit">
        <h1 className="mb-4 text-2xl font-semibold">Audit log</h1>
        <Alert variant="info">You cannot read the audit log of {ctx.activeTenant.name}.</Alert>
      </PortalShell>
    );
  }
  const raw = Object.fromEntries(
    Object.entries(await searchParams).map(([k, v]) => [k, (Array.isArray(v) ? v[0] : v) || undefined]),
  );
  const parsed = listAuditSchema.safeParse(raw);
  const input = parsed.success ? parsed.data : { limit: 50 };
  const page = await listAuditEvents(ctx, input);
  const filters = auditFiltersSchema.safeParse(raw);
  const query = new URLSearchParams(
    Object.entries(filters.success ? filters.data : {}).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
  const slug = ctx.activeTenant.slug;

  return (
    <PortalShell ctx={ctx} workspace="audit">
      <div className="mb-4 flex items-start justify-between gap-4">
        <h1 className="text-2xl font-semibold">Audit log</h1>
        <div className="flex items-start gap-2">
          {can(ctx, 'audit.export') && (
            <Button asChild variant="outline" size="sm">
              <a href={`/api/v1/audit/export?${query}`}>Export CSV</a>
            </Button>
          )}
          {can(ctx, 'audit.verify') && <VerifyButton slug={slug} />}
        </div>
      </div>
      {!parsed.success && <p className="mb-2 text-sm text-destructive">Some filters were not valid and were ignored.</p>}
      <form className="mb-4 grid grid-cols-2 gap-2 md:grid-cols-4" action={`/t/${slug}/audit`} role="search">
        {filterFields.map(([name, label]) => (
          <Input key={name} name={name} aria-label={label} placeholder={label} defaultValue={raw[name] ?? ''} />
        ))}
        <Button type="submit" variant="outline">
          Filter
        </Button>
      </form>
      <Table aria-label="Audit events">
        <TableHeader>
          <TableRow>
            <TableHead>When (UTC)</TableHead>
            <TableHead>Actor</TableHead>
            <TableHead>Action</TableHead>
            <TableHead>Resource</TableHead>
            <TableHead>Outcome</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {page.items.map((e) => (
            <TableRow key={e.seq}>
              <TableCell className="whitespace-nowrap">{e.occurredAt.slice(0, 19).replace('T', ' ')}</TableCell>
              <TableCell>
                {e.actor ?? 'system'}
                {e.via === 'link' && <span className="text-muted-foreground"> · via {e.actorTenant}</span>}
              </TableCell>
              <TableCell className="font-mono text-xs">{e.action}</TableCell>
              <TableCell className="text-xs">{[e.resourceType, e.resourceId].filter(Boolean).join(' ') || '—'}</TableCell>
              <TableCell>
                <Badge variant={e.outcome === 'success' ? 'success' : 'destructive'}>{e.outcome}</Badge>
              </TableCell>
            </TableRow>
          ))}
          {page.items.length === 0 && (
            <TableRow>
              <TableCell colSpan={5} className="py-8 text-center text-muted-foreground">
                No events match.
              </TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>
      {page.nextCursor && (
        <Button asChild variant="outline" size="sm" className="mt-4">
          <Link href={`/t/${slug}/audit?${new URLSearchParams([...query, ['cursor', page.nextCursor]])}`}>Next page</Link>
        </Button>
      )}
    </PortalShell>
  );
}
