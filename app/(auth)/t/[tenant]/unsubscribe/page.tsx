import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { AuthFrame } from '@/components/auth/auth-frame';
import { OneTimeLinkButton } from '@/components/auth/one-time-link-button';
import { slugSchema } from '@/lib/validation/auth';
import { unsubscribeAction } from './actions';

export const metadata: Metadata = { title: 'Unsubscribe from the daily digest' };

type Props = { params: Promise<{ tenant: string }>; searchParams: Promise<{ token?: string }> };

/** The digest's "Stop these digests" link: a button, so a mail scanner opening the link changes nothing. */
export default async function UnsubscribePage({ params, searchParams }: Props) {
  const slug = slugSchema.safeParse((await params).tenant);
  const { token } = await searchParams;
  if (!slug.success || !token) notFound();
  return (
    <AuthFrame title="Unsubscribe from the daily digest" description="You will get no more daily digests from this portal. Notices stay in the portal's notification centre.">
      <OneTimeLinkButton tenant={slug.data} token={token} action={unsubscribeAction} label="Unsubscribe" pendingLabel="Unsubscribing…" next={{ href: `/t/${slug.data}/login`, label: 'Sign in' }} />
    </AuthFrame>
  );
}
