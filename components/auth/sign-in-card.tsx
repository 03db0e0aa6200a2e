import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { SignInForm } from './sign-in-form';

export function SignInCard({ tenant }: { tenant?: string }) {
  return (
    <main className="flex min-h-screen items-center justify-center bg-secondary/40 px-4">
      <Card className="w-full max-w-sm">
        <CardHeader>
          <CardTitle>Sign in</CardTitle>
          <CardDescription>Your account belongs to one tenant: name it, then your email and password.</CardDescription>
        </CardHeader>
        <CardContent>
          <SignInForm tenant={tenant} />
        </CardContent>
      </Card>
    </main>
  );
}
