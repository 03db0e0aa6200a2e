import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AuthFrame } from '@/components/auth/auth-frame';
import { signupStatus } from '@/lib/data/internal/signup';
import { slugSchema } from '@/lib/validation/auth';
import { SignupForm } from './_components/signup-form';

export const metadata: Metadata = { title: 'Create an account' };

export default async function SignupPage({ params }: { params: Promise<{ tenant: string }> }) {
  const slug = slugSchema.safeParse((await params).tenant);
  if (!slug.success) notFound();
  const status = await signupStatus(slug.data);
  if (!status.open) {
    return (
      <AuthFrame title="Create an account" description={status.name ? `${status.name} does not take sign-ups here.` : 'This portal does not take sign-ups here.'}>
        <p className="text-sm">
          Ask your provider to create your account, or{' '}
          <Link className="underline underline-offset-4" href={`/t/${slug.data}/login`}>
            sign in
          </Link>{' '}
          if you have one.
        </p>
      </AuthFrame>
    );
  }
  return (
    <AuthFrame title={`Create your ${status.name} account`} description="You start as a guest: confirm your email, then verify your identity to choose a plan.">
      <SignupForm tenant={slug.data} />
    </AuthFrame>
  );
}
