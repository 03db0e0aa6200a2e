import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { AuthFrame } from '@/components/auth/auth-frame';
import { slugSchema } from '@/lib/validation/auth';
import { SetPasswordForm } from './_components/set-password-form';

export const metadata: Metadata = { title: 'Set your password' };

type Props = { params: Promise<{ tenant: string }>; searchParams: Promise<{ token?: string }> };

export default async function SetPasswordPage({ params, searchParams }: Props) {
  const slug = slugSchema.safeParse((await params).tenant);
  const { token } = await searchParams;
  if (!slug.success || !token) notFound();
  return (
    <AuthFrame title="Set your password" description={`Choose the password for your account in ${slug.data}. The link works once.`}>
      <SetPasswordForm tenant={slug.data} token={token} />
    </AuthFrame>
  );
}
