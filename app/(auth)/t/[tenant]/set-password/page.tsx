import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { slugSchema } from '@/lib/validation/auth';
import { SetPasswordForm } from './_components/set-password-form';

export const metadata: Metadata = { title: 'Set your password' };

type Props = { params: Promise<{ tenant: string }>; searchParams: Promise<{ token?: string }> };

export default async function SetPasswordPage({ params, searchParams }: Props) {
  const slug = slugSchema.safeParse((await params).tenant);
  const { token } = await searchParams;
  if (!slug.success || !token) notFound();
  return (
    <main className="flex min-h-screen items-center justify-center bg-secondary/40 px-4">
      <Card className="w-full max-w-sm">
        <CardHeader>
          <CardTitle>Set your password</CardTitle>
          <CardDescription>Choose the password for your account in {slug.data}. The link works once.</CardDescription>
        </CardHeader>
        <CardContent>
          <SetPasswordForm tenant={slug.data} token={token} />
        </CardContent>
      </Card>
    </main>
  );
}
