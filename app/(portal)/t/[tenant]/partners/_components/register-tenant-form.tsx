'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm, type Path } from 'react-hook-form';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { registerTenantSchema, type RegisterTenantInput } from '@/lib/validation/registry';
import { registerTenantAction } from '../actions';

const fields: [Path<RegisterTenantInput>, string, string][] = [
  ['slug', 'Slug', 'text'],
  ['name', 'Business name', 'text'],
  ['legalName', 'Legal name', 'text'],
  ['contactEmail', 'Contact email', 'email'],
  ['country', 'Country (ISO code)', 'text'],
  ['onboardedOn', 'Onboarding date', 'date'],
  ['adminEmail', 'First admin email', 'email'],
];

export function RegisterTenantForm({ slug }: { slug: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [link, setLink] = useState<string | null>(null);
  const form = useForm<RegisterTenantInput>({ resolver: zodResolver(registerTenantSchema) });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (raw) => {
    setError(null);
    const result = await registerTenantAction(slug, raw);
    if (!result.ok) {
      for (const [field, messages] of Object.entries(result.fieldErrors ?? {})) {
        form.setError(field as Path<RegisterTenantInput>, { message: messages[0] });
      }
      return setError(result.error.message);
    }
    setLink(`${window.location.origin}${result.data.setPasswordPath}`);
    form.reset();
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-3 md:grid-cols-2" aria-label="Register tenant">
      {error && <Alert variant="destructive" className="md:col-span-2">{error}</Alert>}
      {link && (
        <Alert variant="info" className="md:col-span-2" data-testid="set-password-link">
          Registered. Give the first admin this one-time link (also sent to the mail outbox): <code className="break-all">{link}</code>
        </Alert>
      )}
      {fields.map(([name, label, type]) => (
        <div key={name} className="flex flex-col gap-1.5">
          <Label htmlFor={`reg-${name}`}>{label}</Label>
          <Input id={`reg-${name}`} type={type} aria-invalid={!!errors[name]} {...form.register(name)} />
          {errors[name] && <p className="text-xs text-destructive">{errors[name]?.message}</p>}
        </div>
      ))}
      <div className="flex items-end">
        <Button type="submit" disabled={isSubmitting}>
          Register tenant
        </Button>
      </div>
    </form>
  );
}
