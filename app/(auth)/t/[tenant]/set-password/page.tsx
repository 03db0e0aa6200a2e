import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Card, CardContent, CardDescription, CardHeader } from '@/components/ui/card';
import { slugSchema } from '@/lib/validation/auth';
import { SetPasswordForm } from './_components/set-password-form';

export const metadata: Metadata = { title: 'Set your password' };

type Props = { params: Promise<{ tenant: string }>; searchParams: Promise<{ token?: string }> };

export default async function SetPasswordPage({ params, searchParams }: Props) {
  const slug = slugSchema.safeParse((await params).tenant);
  const { token } = await searchParams;
  if (!slug.success || !token) notFound();
  return (
    <>
      <header className="bg-card border-b px-4 py-3 font-semibold">Partner Portal</header>
      <main className="bg-secondary/40 flex min-h-[calc(100vh-3.5rem)] items-center justify-center px-4">
        <Card className="w-full max-w-sm">
          <CardHeader>
            <h1 className="text-lg leading-none font-semibold tracking-tight">Set your password</h1>
            <CardDescription>
              Choose the password for your account in {slug.data}. The link works once.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <SetPasswordForm tenant={slug.data} token={token} />
          </CardContent>
        </Card>
      </main>
    </>
  );
}
