import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { AuthFrame } from '@/components/auth/auth-frame';
import { slugSchema } from '@/lib/validation/auth';
import { OneTimeLinkButton } from '@/components/auth/one-time-link-button';
import { unlockAction } from './actions';

export const metadata: Metadata = { title: 'Unlock your account' };

type Props = { params: Promise<{ tenant: string }>; searchParams: Promise<{ token?: string }> };

export default async function UnlockPage({ params, searchParams }: Props) {
  const slug = slugSchema.safeParse((await params).tenant);
  const { token } = await searchParams;
  if (!slug.success || !token) notFound();
  return (
    <AuthFrame title="Unlock your account" description="Signing in was blocked after several wrong passwords. If that was you, unlock it now; the link works once, for an hour.">
      <OneTimeLinkButton tenant={slug.data} token={token} action={unlockAction} label="Unlock my account" pendingLabel="Unlocking…" next={{ href: `/t/${slug.data}/login`, label: 'Sign in' }} />
    </AuthFrame>
  );
}
