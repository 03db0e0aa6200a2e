'use client';

import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { useActionRunner } from '@/components/forms/use-action-runner';
import { ticketPriorities } from '@/lib/config/enums';
import { createTicketAction } from '../actions';
import { NativeSelect } from '@/components/ui/native-select';

export type TicketDefaults = { subject?: string; description?: string; priority?: string; category?: string };

/** Opens a ticket in the tenant shown; the button names it. `defaults` prefill it (Create ticket from an alert). */
export function NewTicketForm({ slug, tenantName, categories, defaults = {} }: { slug: string; tenantName: string; categories: string[]; defaults?: TicketDefaults }) {
  const { pending, error, run } = useActionRunner();
  const [created, setCreated] = useState<string | null>(null);
  const submit = (form: FormData) =>
    run(
      () =>
        createTicketAction(slug, {
          subject: String(form.get('subject') ?? ''),
          description: String(form.get('description') ?? ''),
          priority: String(form.get('priority')) as (typeof ticketPriorities)[number],
          category: String(form.get('category') ?? '') || undefined,
        }),
      { onSuccess: (t) => setCreated(t.number) },
    );
  return (
    <form action={submit} aria-label="New ticket" className="grid gap-3 md:grid-cols-4">
      {(error || created) && (
        <Alert variant={error ? 'destructive' : 'info'} className="md:col-span-4">
          {error ?? `Opened ${created}.`}
        </Alert>
      )}
      <div className="flex flex-col gap-1.5 md:col-span-2">
        <Label htmlFor="subject">Subject</Label>
        <Input id="subject" name="subject" required minLength={3} maxLength={200} defaultValue={defaults.subject} />
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="priority">Priority</Label>
        <NativeSelect id="priority" name="priority" defaultValue={(ticketPriorities as readonly string[]).includes(defaults.priority ?? '') ? defaults.priority : 'normal'} options={ticketPriorities} />
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="category">Category</Label>
        <NativeSelect id="category" name="category" defaultValue={categories.includes(defaults.category ?? '') ? defaults.category : ''}>
          <option value="">None</option>
          {categories.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="flex flex-col gap-1.5 md:col-span-4">
        <Label htmlFor="description">Description</Label>
        <textarea id="description" name="description" required rows={3} maxLength={10000} defaultValue={defaults.description} className="rounded-md border bg-background px-3 py-2 text-sm" />
      </div>
      <div>
        <Button type="submit" disabled={pending}>
          Open ticket in {tenantName}
        </Button>
      </div>
    </form>
  );
}
