'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm, type Path } from 'react-hook-form';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { updateTenantSchema, type TenantRegistryDto, type UpdateTenantInput } from '@/lib/validation/registry';
import { updateTenantAction } from '../actions';
import { InteractiveFieldset } from '@/components/forms/interactive-fieldset';

const fields: [Path<UpdateTenantInput>, string, string][] = [
  ['name', 'Business name', 'text'],
  ['legalName', 'Legal name', 'text'],
  ['contactEmail', 'Contact email', 'email'],
  ['country', 'Country (ISO code)', 'text'],
  ['onboardedOn', 'Onboarding date', 'date'],
];

export function EditTenantForm({ slug, tenant }: { slug: string; tenant: TenantRegistryDto }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const form = useForm<UpdateTenantInput>({
    resolver: zodResolver(updateTenantSchema),
    defaultValues: {
      id: tenant.id,
      name: tenant.name,
      legalName: tenant.legalName ?? undefined,
      contactEmail: tenant.contactEmail ?? undefined,
      country: tenant.country ?? undefined,
      onboardedOn: tenant.onboardedOn,
    },
  });
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    const result = await updateTenantAction(slug, values);
    setMessage(result.ok ? { ok: true, text: 'Saved.' } : { ok: false, text: result.error.message });
    if (result.ok) router.refresh();
  });
  return (
    <form onSubmit={onSubmit} noValidate className="grid max-w-2xl gap-3 md:grid-cols-2" aria-label="Edit tenant">
      <InteractiveFieldset>
        {message && (
          <Alert variant={message.ok ? 'info' : 'destructive'} className="md:col-span-2">
            {message.text}
          </Alert>
        )}
        {fields.map(([name, label, type]) => (
          <div key={name} className="flex flex-col gap-1.5">
            <Label htmlFor={`edit-${name}`}>{label}</Label>
            <Input id={`edit-${name}`} type={type} aria-invalid={!!errors[name]} {...form.register(name)} />
            {errors[name] && <p className="text-xs text-destructive">{errors[name]?.message}</p>}
          </div>
        ))}
        <div className="flex items-end">
          <Button type="submit" disabled={isSubmitting}>
            Save
          </Button>
        </div>
      </InteractiveFieldset>
    </form>
  );
}
