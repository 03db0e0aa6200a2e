import type { Metadata } from 'next';
import Link from 'next/link';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { userTypeLabels } from '@/lib/config/enums';
import { firstPageIfBadCursor, listParams, tenantPage } from '@/lib/auth/page';
import { listKycQueue } from '@/lib/data/kyc';
import { listUpgradeRequests } from '@/lib/data/upgrades';
import { kycQueueSchema } from '@/lib/validation/kyc-queue';
import { firstValues } from '@/lib/validation/common';
import { KycQueueTable } from './_components/kyc-queue-table';
import { UpgradeDecision } from './_components/upgrade-decision';

export const metadata: Metadata = { title: 'KYC review' };

type Props = { params: Promise<{ tenant: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const policyText: Record<string, string> = {
  admin_approval: 'Admin approval',
  advanced_kyc: 'Proof of address',
  business_verification: 'Business verification',
};

/** The reviewer queue: submissions waiting oldest first, and the upgrade requests that wait on someone. */
export default async function KycQueuePage({ params, searchParams }: Props) {
  const ctx = await tenantPage({ params, workspace: 'kyc' });
  const raw = firstValues(await searchParams);
  const input = listParams(kycQueueSchema, { state: raw.state, kind: raw.kind, mine: raw.mine, sort: raw.sort, cursor: raw.cursor, limit: raw.size });
  const [page, upgrades] = await Promise.all([firstPageIfBadCursor((i) => listKycQueue(ctx, i), input), listUpgradeRequests(ctx)]);
  const slug = ctx.activeTenant.slug;
  // eslint-disable-next-line react-hooks/purity -- the page renders per request; ages are "as of now"
  const now = Date.now();
  return (
    <div className="flex flex-col gap-8">
      <div>
        <h1 className="mb-1 text-2xl font-semibold">KYC review</h1>
        <p className="mb-4 text-sm text-muted-foreground">Identity, address and business checks waiting for a decision, oldest first. Every view of a document is audited.</p>
        <KycQueueTable slug={slug} owner={ctx.user.id} page={page} sort={input.sort} now={now} />
      </div>
      <section aria-labelledby="upgrades-title">
        <h2 id="upgrades-title" className="mb-1 text-lg font-semibold">
          Upgrade requests
        </h2>
        <p className="mb-3 text-sm text-muted-foreground">Admin approvals are decided here; the others are settled by their check above.</p>
        {upgrades.length === 0 ? (
          <p className="text-sm">No upgrade requests wait.</p>
        ) : (
          <Table aria-label="Upgrade requests">
            <TableHeader>
              <TableRow>
                <TableHead>User</TableHead>
                <TableHead>From</TableHead>
                <TableHead>To</TableHead>
                <TableHead>Rule</TableHead>
                <TableHead>Requested</TableHead>
                <TableHead>
                  <span className="sr-only">Decision</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {upgrades.map((u) => (
                <TableRow key={u.id}>
                  <TableCell>
                    <Link prefetch={false} className="text-primary hover:underline" href={`/t/${slug}/users/${u.user.id}`}>
                      {u.user.name}
                    </Link>
                  </TableCell>
                  <TableCell>{userTypeLabels[u.fromType]}</TableCell>
                  <TableCell>{userTypeLabels[u.toType]}</TableCell>
                  <TableCell>{policyText[u.policy] ?? u.policy}</TableCell>
                  <TableCell>
                    <time dateTime={u.createdAt}>{u.createdAt.slice(0, 16).replace('T', ' ')}</time>
                  </TableCell>
                  <TableCell>
                    {u.policy === 'admin_approval' ? (
                      <UpgradeDecision slug={slug} id={u.id} name={u.user.name} to={userTypeLabels[u.toType]} />
                    ) : u.submissionId ? (
                      <Link prefetch={false} className="text-primary hover:underline" href={`/t/${slug}/kyc/${u.submissionId}`}>
                        Review the check
                      </Link>
                    ) : (
                      <span className="text-sm text-muted-foreground">Waiting for the user&apos;s documents</span>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </section>
    </div>
  );
}
