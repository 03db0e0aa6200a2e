'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import Link from 'next/link';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { describedBy, Field } from '@/components/forms/field';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { signupSchema, type SignupInput } from '@/lib/validation/account';
import { signUpAction } from '../actions';
import { InteractiveFieldset } from '@/components/forms/interactive-fieldset';

export function SignupForm({ tenant }: { tenant: string }) {
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const form = useForm<SignupInput>({
    resolver: zodResolver(signupSchema),
    defaultValues: { tenant, name: '', email: '', password: '', acceptTerms: false as unknown as true },
  });
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    const result = await signUpAction(values);
    if (!result.ok) {
      for (const [field, messages] of Object.entries(result.fieldErrors ?? {})) form.setError(field as keyof SignupInput, { message: messages[0] });
      return setError(result.error.message);
    }
    setDone(result.data.message);
  });

  if (done) {
    return (
      <div className="flex flex-col gap-4">
        <Alert variant="info">{done}</Alert>
        <p className="text-sm text-muted-foreground">
          You can sign in now; until you confirm your email you will see only My account.{' '}
          <Link className="underline underline-offset-4" href={`/t/${tenant}/login`}>
            Sign in
          </Link>
        </p>
      </div>
    );
  }
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <InteractiveFieldset>
        {error && <Alert variant="destructive">{error}</Alert>}
        <Field id="name" label="Your name" error={errors.name?.message}>
          <Input id="name" autoComplete="name" {...describedBy('name', errors.name?.message)} {...form.register('name')} />
        </Field>
        <Field id="email" label="Email" error={errors.email?.message}>
          <Input id="email" type="email" autoComplete="email" {...describedBy('email', errors.email?.message)} {...form.register('email')} />
        </Field>
        <Field id="password" label="Password" error={errors.password?.message} hint="At least 12 characters; a common password is refused.">
          <Input id="password" type="password" autoComplete="new-password" {...describedBy('password', errors.password?.message, 'hint')} {...form.register('password')} />
        </Field>
        <div className="flex flex-col gap-1.5">
          <div className="flex items-start gap-2 text-sm">
            <input id="acceptTerms" type="checkbox" className="mt-1 size-4" {...describedBy('acceptTerms', errors.acceptTerms?.message)} {...form.register('acceptTerms')} />
            <label htmlFor="acceptTerms">I accept the terms of service and the privacy notice of this provider.</label>
          </div>
          {errors.acceptTerms && (
            <p id="acceptTerms-error" className="text-xs text-destructive">
              {errors.acceptTerms.message}
            </p>
          )}
        </div>
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? 'Creating your account…' : 'Create account'}
        </Button>
        <p className="text-sm text-muted-foreground">
          Already have an account?{' '}
          <Link className="underline underline-offset-4" href={`/t/${tenant}/login`}>
            Sign in
          </Link>
        </p>
      </InteractiveFieldset>
    </form>
  );
}
