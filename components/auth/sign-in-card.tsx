import Link from 'next/link';
import { AuthFrame } from './auth-frame';
import { SignInForm } from './sign-in-form';

export function SignInCard({ tenant }: { tenant?: string }) {
  return (
    <AuthFrame title="Sign in" description="Your account belongs to one tenant: name it, then your email and password.">
      <SignInForm tenant={tenant} />
      {tenant && (
        <p className="mt-4 text-sm text-muted-foreground">
          New here?{' '}
          <Link className="underline underline-offset-4" href={`/t/${tenant}/signup`}>
            Create an account
          </Link>
        </p>
      )}
    </AuthFrame>
  );
}
