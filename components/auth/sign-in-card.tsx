import { Card, CardContent, CardDescription, CardHeader } from '@/components/ui/card';
import { SignInForm } from './sign-in-form';

export function SignInCard({ tenant }: { tenant?: string }) {
  return (
    <>
      <header className="bg-card border-b px-4 py-3 font-semibold">Partner Portal</header>
      <main className="bg-secondary/40 flex min-h-[calc(100vh-3.5rem)] items-center justify-center px-4">
        <Card className="w-full max-w-sm">
          <CardHeader>
            <h1 className="text-lg leading-none font-semibold tracking-tight">Sign in</h1>
            <CardDescription>
              Your account belongs to one tenant: name it, then your email and password.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <SignInForm tenant={tenant} />
          </CardContent>
        </Card>
      </main>
    </>
  );
}
