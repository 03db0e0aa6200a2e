'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useId, useState } from 'react';
import { useActionRunner } from '@/components/forms/use-action-runner';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { StatusBadge } from '@/components/ui/status-badge';
import type { TenantExportDto } from '@/lib/validation/offboarding';
import { deleteTenantDataAction, requestTenantExportAction } from '../actions';

/**
 * A tenant's offboarding: exports (queued, built by a job, then downloadable) and, once it has
 * been stopped for 30 days, the deletion of its data with its slug typed to confirm.
 */
export function Offboarding(p: {
  slug: string;
  tenant: { id: string; slug: string; name: string; status: 'active' | 'stopped'; deletedAt: string | null };
  exports: TenantExportDto[];
  /** From when its data may be deleted (30 days after the stop), and whether that is now (decided by the server). */
  deletableFrom: string | null;
  deletable: boolean;
}) {
  const router = useRouter();
  const { pending, error, run, dialog } = useActionRunner();
  const [typed, setTyped] = useState('');
  const confirmId = useId();
  const working = p.exports.some((e) => e.status === 'queued' || e.status === 'running');
  // While an export is being built, look again every few seconds.
  useEffect(() => {
    if (!working) return;
    const timer = setInterval(() => router.refresh(), 3000);
    return () => clearInterval(timer);
  }, [working, router]);
  const deletable = p.tenant.status === 'stopped' && !p.tenant.deletedAt && p.deletable;

  return (
    <div className="flex flex-col gap-6 text-sm">
      <section aria-label="Exports" className="flex flex-col gap-2">
        <p>An export is a ZIP of one CSV per table of {p.tenant.name}&apos;s data (no password, token or code hashes, no KYC document files), built in the background.</p>
        <div>
          <Button
            variant="outline"
            disabled={pending || Boolean(p.tenant.deletedAt)}
            onClick={() => run(() => requestTenantExportAction(p.slug, { id: p.tenant.id }), { success: 'Export queued; it appears below when it is ready.' })}
          >
            Export data
          </Button>
        </div>
        {p.exports.length > 0 && (
          <ul className="flex flex-col gap-1" aria-label="Exports of this tenant">
            {p.exports.map((e) => (
              <li key={e.id} className="flex flex-wrap items-center gap-2">
                <StatusBadge value={e.status === 'done' ? 'succeeded' : e.status === 'queued' ? 'pending' : e.status === 'running' ? 'in_progress' : 'failed'} />
                <span>
                  {e.createdAt.slice(0, 16).replace('T', ' ')} UTC by {e.requestedBy}
                  {e.status === 'done' && ` · ${e.rows?.toLocaleString('en')} rows, ${((e.sizeBytes ?? 0) / 1024).toFixed(0)} KB`}
                  {e.error && ` · ${e.error}`}
                </span>
                {e.status === 'done' && (
                  <a className="underline underline-offset-4" href={`/api/v1/tenants/${p.tenant.id}/exports/${e.id}`} download>
                    Download
                  </a>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-label="Delete data" className="flex flex-col gap-2">
        {p.tenant.deletedAt ? (
          <p>Its data was deleted on {p.tenant.deletedAt.slice(0, 10)}; the registry entry and its audit trail remain.</p>
        ) : p.tenant.status !== 'stopped' ? (
          <p>To delete its data, stop the tenant first; deletion is possible 30 days later.</p>
        ) : !deletable ? (
          <p>Stopped; its data can be deleted from {p.deletableFrom?.slice(0, 10)} (30 days after the stop).</p>
        ) : (
          <form
            className="flex flex-col gap-2"
            aria-label="Delete this tenant's data"
            onSubmit={(e) => {
              e.preventDefault();
              run(() => deleteTenantDataAction(p.slug, { id: p.tenant.id, confirm: typed }), {
                confirm: { title: `Delete all data of ${p.tenant.name}?`, description: 'Every user, plan, subscription, ticket and document goes, for good; the audit trail stays.', action: 'Delete data' },
                success: `${p.tenant.name}'s data was deleted.`,
              });
            }}
          >
            <Label htmlFor={confirmId}>Type {p.tenant.slug} to delete every row of this tenant&apos;s data (its audit trail stays)</Label>
            <Input id={confirmId} value={typed} onChange={(e) => setTyped(e.target.value)} className="max-w-64" autoComplete="off" />
            <div>
              <Button type="submit" variant="destructive" disabled={pending || typed.trim() !== p.tenant.slug}>
                Delete data
              </Button>
            </div>
          </form>
        )}
      </section>
      {error && <Alert variant="destructive">{error}</Alert>}
      {dialog}
    </div>
  );
}
