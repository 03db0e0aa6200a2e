import type { Metadata } from 'next';
import { SignInCard } from '@/components/auth/sign-in-card';
import { slugSchema } from '@/lib/validation/auth';

export const metadata: Metadata = { title: 'Sign in' };

export default async function TenantLoginPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const slug = slugSchema.safeParse(tenant);
  return <SignInCard tenant={slug.success ? slug.data : undefined} />;
}
