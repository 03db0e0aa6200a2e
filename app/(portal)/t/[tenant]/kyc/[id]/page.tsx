import type { Metadata } from 'next';
import Link from 'next/link';
import { StatusBadge } from '@/components/ui/status-badge';
import { userTypeLabels } from '@/lib/config/enums';
import { documentTypeLabels, kycKindLabels } from '@/lib/config/kyc';
import { orNotFound, pageId, tenantPage } from '@/lib/auth/page';
import { getKycSubmission } from '@/lib/data/kyc';
import { DecisionPanel } from './_components/decision-panel';
import { DocumentViewer } from './_components/document-viewer';
import { RevokePanel } from './_components/revoke-panel';

export const metadata: Metadata = { title: 'Review a KYC submission' };

type Props = { params: Promise<{ tenant: string; id: string }> };

const when = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') + ' UTC' : '—');

/** One submission: the documents beside the entered fields, the earlier attempts, the decision. */
export default async function KycReviewPage({ params }: Props) {
  const ctx = await tenantPage({ params, workspace: 'kyc' });
  const id = await pageId(params);
  const s = await orNotFound(getKycSubmission(ctx, { id }));
  const slug = ctx.activeTenant.slug;
  const rows: [string, string | null][] = [
    ['Legal name', s.legalName],
    ['Date of birth', s.dateOfBirth],
    ['Country', s.country?.toUpperCase() ?? null],
    ['Address', s.address],
    ['Document', s.documentType ? documentTypeLabels[s.documentType] : null],
    ['Valid until', s.documentExpiresOn],
    ['Company', s.companyName],
    ['Registration number', s.registrationNumber],
  ];
  return (
    <div className="flex flex-col gap-6">
      <div>
        <p className="mb-1 text-sm text-muted-foreground">
          <Link className="underline underline-offset-4" href={`/t/${slug}/kyc`}>
            KYC review
          </Link>{' '}
          / {s.applicant.name}
        </p>
        <h1 className="text-2xl font-semibold">
          {kycKindLabels[s.kind]}: {s.applicant.name}
        </h1>
        <p className="mt-1 flex flex-wrap items-center gap-2 text-sm">
          <StatusBadge value={s.status} /> attempt {s.attempt} · submitted {when(s.submittedAt)} · {s.applicant.email} · {userTypeLabels[s.applicant.type]}
          {s.assignee && <> · assigned to {s.assignee.id === ctx.user.id ? 'you' : s.assignee.label}</>}
        </p>
      </div>
      <div className="grid gap-6 lg:grid-cols-[3fr_2fr]">
        <section aria-label="Documents">
          <DocumentViewer submissionId={s.id} files={s.files} />
        </section>
        <div className="flex flex-col gap-6">
          <section aria-labelledby="entered-title" className="rounded-lg border p-4">
            <h2 id="entered-title" className="mb-2 font-semibold">
              Entered by the applicant
            </h2>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
              {rows
                .filter(([, v]) => v)
                .map(([k, v]) => (
                  <div key={k} className="contents">
                    <dt className="text-muted-foreground">{k}</dt>
                    <dd>{v}</dd>
                  </div>
                ))}
            </dl>
          </section>
          {s.status === 'submitted' || s.status === 'in_review' ? (
            <DecisionPanel slug={slug} id={s.id} applicant={s.applicant.name} kind={s.kind} documentExpiresOn={s.documentExpiresOn} />
          ) : (
            <section className="rounded-lg border p-4 text-sm" aria-label="Decision">
              <h2 className="mb-2 font-semibold">Decision</h2>
              <p>
                <StatusBadge value={s.status} /> {when(s.decidedAt)} {s.decidedBy && `by ${s.decidedBy}`}
              </p>
              {s.decisionReason && <p className="mt-2">{s.decisionReason}</p>}
              {s.status === 'verified' && <RevokePanel slug={slug} id={s.id} applicant={s.applicant.name} />}
            </section>
          )}
          <section aria-labelledby="earlier-title" className="rounded-lg border p-4 text-sm">
            <h2 id="earlier-title" className="mb-2 font-semibold">
              Earlier attempts
            </h2>
            {s.earlier.length === 0 ? (
              <p>None: this is the first.</p>
            ) : (
              <ul className="flex flex-col gap-2">
                {s.earlier.map((e) => (
                  <li key={e.id}>
                    <Link className="underline underline-offset-4" href={`/t/${slug}/kyc/${e.id}`}>
                      Attempt {e.attempt}
                    </Link>{' '}
                    <StatusBadge value={e.status} /> {when(e.decidedAt ?? e.submittedAt)}
                    {e.decisionReason && <div className="text-muted-foreground">{e.decisionReason}</div>}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      </div>
    </div>
  );
}
