'use client';

import { useActionRunner } from '@/components/forms/use-action-runner';
import { Button } from '@/components/ui/button';
import { StatusBadge } from '@/components/ui/status-badge';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { ActionResult } from '@/lib/api/action-result';
import { alertTypeLabels } from '@/lib/config/alerts';
import type { AlertAction, AlertGroupDto } from '@/lib/validation/alerts';
import type { BulkOutcome } from '@/lib/validation/common';

/** Related open alerts (one tenant, one kind) with a count; acknowledging the group acknowledges each member. */
export function AlertGroups({ groups, act }: { groups: AlertGroupDto[]; act: ((input: { ids: string[]; action: AlertAction }) => Promise<ActionResult<BulkOutcome[]>>) | null }) {
  const runner = useActionRunner();
  if (groups.length === 0) return <p className="text-sm text-muted-foreground">No open alerts.</p>;
  return (
    <>
      <Table aria-label="Related open alerts">
        <TableHeader>
          <TableRow>
            <TableHead>Tenant</TableHead>
            <TableHead>Kind</TableHead>
            <TableHead>Worst severity</TableHead>
            <TableHead>Open</TableHead>
            <TableHead>Unacknowledged</TableHead>
            {act && (
              <TableHead>
                <span className="sr-only">Actions</span>
              </TableHead>
            )}
          </TableRow>
        </TableHeader>
        <TableBody>
          {groups.map((g) => (
            <TableRow key={`${g.tenant.id}:${g.type}`}>
              <TableCell>{g.tenant.name}</TableCell>
              <TableCell>{alertTypeLabels[g.type]}</TableCell>
              <TableCell>
                <StatusBadge value={g.severity} />
              </TableCell>
              <TableCell>{g.count}</TableCell>
              <TableCell>{g.active}</TableCell>
              {act && (
                <TableCell>
                  {g.active > 0 && (
                    <Button
                      size="sm"
                      variant="outline"
                      disabled={runner.pending}
                      onClick={() => runner.run(() => act({ ids: g.ids, action: 'acknowledge' }), { success: `${g.active} ${g.active === 1 ? 'alert' : 'alerts'} acknowledged.` })}
                    >
                      Acknowledge {g.active} in {g.tenant.name}
                    </Button>
                  )}
                </TableCell>
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {runner.error && (
        <p role="alert" className="text-sm text-destructive">
          {runner.error}
        </p>
      )}
      {runner.dialog}
    </>
  );
}
