import type { Metadata } from 'next';
import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { kycKinds } from '@/lib/config/enums';
import { kycKindLabels } from '@/lib/config/kyc';
import { tenantPage } from '@/lib/auth/page';
import { can } from '@/lib/rbac';
import { getMyKyc } from '@/lib/data/kyc';
import { KycStepper } from './_components/kyc-stepper';

export const metadata: Metadata = { title: 'Verify your identity' };

type Props = { params: Promise<{ tenant: string }>; searchParams: Promise<{ kind?: string }> };

/** The applicant's KYC: the identity check, or the upgrade checks (?kind=address|business). */
export default async function VerifyPage({ params, searchParams }: Props) {
  const ctx = await tenantPage({ params, workspace: 'account' });
  const slug = ctx.homeTenant.slug;
  const asked = (await searchParams).kind;
  const kind = kycKinds.find((k) => k === asked);
  if (!can(ctx, 'account.kyc')) {
    return (
      <>
        <h1 className="mb-4 text-2xl font-semibold">Verify your identity</h1>
        <Alert variant="info">
          {ctx.user.emailVerified ? 'Your account does not verify its identity here.' : 'Confirm your email first: use the link we sent you.'}{' '}
          <Link className="underline underline-offset-4" href={`/t/${slug}/account`}>
            Back to My account
          </Link>
        </Alert>
      </>
    );
  }
  const kyc = await getMyKyc(ctx, { kind });
  const shown = kind ?? kyc.current?.kind ?? 'identity';
  return (
    <>
      <h1 className="mb-1 text-2xl font-semibold">{kycKindLabels[shown]}</h1>
      <p className="mb-6 text-sm text-muted-foreground">
        <Link className="underline underline-offset-4" href={`/t/${slug}/account`}>
          My account
        </Link>{' '}
        / {kycKindLabels[shown]}
      </p>
      {!kyc.applicable && !kyc.current ? (
        <Alert variant="info">{kyc.nextAction}</Alert>
      ) : (
        <KycStepper slug={slug} kind={shown} initial={kyc} />
      )}
    </>
  );
}
