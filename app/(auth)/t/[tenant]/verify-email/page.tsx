import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { AuthFrame } from '@/components/auth/auth-frame';
import { slugSchema } from '@/lib/validation/auth';
import { OneTimeLinkButton } from '@/components/auth/one-time-link-button';
import { verifyEmailAction } from '../signup/actions';

export const metadata: Metadata = { title: 'Confirm your email' };

type Props = { params: Promise<{ tenant: string }>; searchParams: Promise<{ token?: string }> };

export default async function VerifyEmailPage({ params, searchParams }: Props) {
  const slug = slugSchema.safeParse((await params).tenant);
  const { token } = await searchParams;
  if (!slug.success || !token) notFound();
  return (
    <AuthFrame title="Confirm your email" description="One click confirms the address this link was sent to. The link works once, for 24 hours.">
      <OneTimeLinkButton
        tenant={slug.data}
        token={token}
        action={verifyEmailAction}
        label="Confirm my email"
        pendingLabel="Confirming…"
        next={{ href: `/t/${slug.data}/account`, label: 'Go to My account' }}
      />
    </AuthFrame>
  );
}
