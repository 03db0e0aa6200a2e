'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { setPasswordSchema, type SetPasswordInput } from '@/lib/validation/registry';
import { setPasswordAction } from '../actions';
import { InteractiveFieldset } from '@/components/forms/interactive-fieldset';

export function SetPasswordForm({ tenant, token }: { tenant: string; token: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<SetPasswordInput>({ resolver: zodResolver(setPasswordSchema), defaultValues: { token, password: '', confirm: '' } });
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    const result = await setPasswordAction({ tenant, values });
    if (!result.ok) return setError(result.error.message);
    router.replace(`/t/${tenant}/login`);
  });
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <InteractiveFieldset>
        {error && <Alert variant="destructive">{error}</Alert>}
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="password">New password</Label>
          <Input id="password" type="password" autoComplete="new-password" {...form.register('password')} />
          {errors.password && <p className="text-xs text-destructive">{errors.password.message}</p>}
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="confirm">Repeat the password</Label>
          <Input id="confirm" type="password" autoComplete="new-password" {...form.register('confirm')} />
          {errors.confirm && <p className="text-xs text-destructive">{errors.confirm.message}</p>}
        </div>
        <Button type="submit" disabled={isSubmitting}>
          Set password
        </Button>
      </InteractiveFieldset>
    </form>
  );
}
