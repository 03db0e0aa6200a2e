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
  const form = useForm<SignInInput>({
    resolver: zodResolver(signInSchema),
    defaultValues: { tenant: tenant ?? '', email: '', password: '' },
  });
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
      else form.resetField('password');
      return;
    }
    router.replace(`/t/${values.tenant}`);
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
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
        <SignInFields form={form} errors={errors} isSubmitting={isSubmitting} />
      )}
    </form>
  );
}

function SignInFields({
  form,
  errors,
  isSubmitting,
}: {
  form: ReturnType<typeof useForm<SignInInput>>;
  errors: ReturnType<typeof useForm<SignInInput>>['formState']['errors'];
  isSubmitting: boolean;
}) {
  return (
    <>
      <Field id="tenant" label="Tenant" error={errors.tenant?.message}>
        <Input id="tenant" autoComplete="organization" placeholder="your-provider" aria-invalid={!!errors.tenant} {...form.register('tenant')} />
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
