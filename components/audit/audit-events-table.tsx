import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { AuditEventDto } from '@/lib/validation/audit';
import { StatusBadge } from '@/components/ui/status-badge';

/** Audit events as a table: the Audit workspace and the partner Access page both show them. */
export function AuditEventsTable({ label, events, empty }: { label: string; events: AuditEventDto[]; empty: string }) {
  return (
    <Table aria-label={label}>
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
        {events.map((e) => (
          <TableRow key={e.seq}>
            <TableCell className="whitespace-nowrap">{e.occurredAt.slice(0, 19).replace('T', ' ')}</TableCell>
            <TableCell>
              {e.actor ?? 'system'}
              {e.via === 'link' && <span className="text-muted-foreground"> · via {e.actorTenant}</span>}
            </TableCell>
            <TableCell className="font-mono text-xs">{e.action}</TableCell>
            <TableCell className="text-xs">{[e.resourceType, e.resourceId].filter(Boolean).join(' ') || '—'}</TableCell>
            <TableCell>
              <StatusBadge value={e.outcome} />
            </TableCell>
          </TableRow>
        ))}
        {events.length === 0 && (
          <TableRow>
            <TableCell colSpan={5} className="py-8 text-center text-muted-foreground">
              {empty}
            </TableCell>
          </TableRow>
        )}
      </TableBody>
    </Table>
  );
}
