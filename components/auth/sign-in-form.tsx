'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { MFA_CODE_FAILED, MFA_REQUIRED, SIGN_IN_FAILED, signInSchema, type SignInInput } from '@/lib/validation/auth';

export function SignInForm({ tenant }: { tenant?: string }) {
  const router = useRouter();
  const [failed, setFailed] = useState(false);
  // The second step: the password was right and the account has a second factor.
  const [needsCode, setNeedsCode] = useState(false);
  const [code, setCode] = useState('');
  // No defaultValues: react-hook-form writes a field's default into the box when it registers
  // it, which is as the page hydrates, over anything typed before (a slow page lost the email
  // and password, and a tenant typed into the tenant page's box doubled). Without one it takes
  // what the box holds. The tenant's own page renders its slug into the box on the server.
  const form = useForm<SignInInput>({ resolver: zodResolver(signInSchema) });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setFailed(false);
    const result = await signIn('tenant-credentials', { ...values, ...(needsCode ? { code } : {}), redirect: false });
    if (result?.error === MFA_REQUIRED) {
      setNeedsCode(true);
      return;
    }
    if (!result?.ok) {
      setFailed(true);
      if (needsCode) setCode('');
      else form.setValue('password', '');
      return;
    }
    router.replace(`/t/${values.tenant}`);
    router.refresh();
  });

  return (
    // method="post": a Sign in clicked before the page is interactive must not put the password
    // in a URL (a form without a method submits GET, with every field in the query string).
    <form method="post" onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      {failed && <Alert variant="destructive">{needsCode ? MFA_CODE_FAILED : SIGN_IN_FAILED}</Alert>}
      {needsCode ? (
        <>
          <p className="text-sm">
            Signing in as <strong>{form.getValues('email')}</strong>. Enter the 6-digit code from your authenticator app, or one of your recovery codes.
          </p>
          <Field id="code" label="Authentication code">
            <Input
              id="code"
              name="code"
              autoComplete="one-time-code"
              autoFocus
              spellCheck={false}
              value={code}
              onChange={(e) => setCode(e.target.value)}
              maxLength={32}
            />
          </Field>
          <Button type="submit" disabled={isSubmitting || code.trim() === ''}>
            {isSubmitting ? 'Checking…' : 'Verify and sign in'}
          </Button>
          <Button
            type="button"
            variant="ghost"
            onClick={() => {
              setNeedsCode(false);
              setFailed(false);
              setCode('');
              form.resetField('password');
            }}
          >
            Back
          </Button>
        </>
      ) : (
        <SignInFields tenant={tenant} form={form} errors={errors} isSubmitting={isSubmitting} />
      )}
    </form>
  );
}

function SignInFields({
  tenant,
  form,
  errors,
  isSubmitting,
}: {
  tenant?: string;
  form: ReturnType<typeof useForm<SignInInput>>;
  errors: ReturnType<typeof useForm<SignInInput>>['formState']['errors'];
  isSubmitting: boolean;
}) {
  return (
    <>
      <Field id="tenant" label="Tenant" error={errors.tenant?.message}>
        <Input id="tenant" autoComplete="organization" placeholder="your-provider" defaultValue={tenant} aria-invalid={!!errors.tenant} {...form.register('tenant')} />
      </Field>
      <Field id="email" label="Email" error={errors.email?.message}>
        <Input id="email" type="email" autoComplete="username" aria-invalid={!!errors.email} {...form.register('email')} />
      </Field>
      <Field id="password" label="Password" error={errors.password?.message}>
        <Input id="password" type="password" autoComplete="current-password" aria-invalid={!!errors.password} {...form.register('password')} />
      </Field>
      <Button type="submit" disabled={isSubmitting}>
        {isSubmitting ? 'Signing in…' : 'Sign in'}
      </Button>
    </>
  );
}

function Field({ id, label, error, children }: { id: string; label: string; error?: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-col gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      {children}
      {error && <p className="text-xs text-destructive">{error}</p>}
    </div>
  );
}
