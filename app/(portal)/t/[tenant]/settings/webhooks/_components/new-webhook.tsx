'use client';

import { useRef, useState } from 'react';
import { Field } from '@/components/forms/field';
import { useActionRunner } from '@/components/forms/use-action-runner';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Input } from '@/components/ui/input';
import type { WebhookEventType } from '@/lib/config/webhooks';
import { createWebhookAction } from '../actions';
import { SecretNotice } from '@/components/forms/secret-notice';

const groupOf = (t: string) => (t.startsWith('partner.') ? 'managed tenants (the seed’s names)' : t.split('.')[0]!);

/** URL, description, event types, and (for a partner) whether its managed tenants' events come too. */
export function NewWebhook({ slug, eventTypes, partner }: { slug: string; eventTypes: WebhookEventType[]; partner: boolean }) {
  const { pending, error, run, dialog } = useActionRunner();
  const [created, setCreated] = useState<{ url: string; secret: string } | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const shown = partner ? eventTypes : eventTypes.filter((t) => !t.startsWith('partner.'));
  const groups = [...new Set(shown.map(groupOf))];

  const submit = (form: FormData) => {
    const input = {
      url: String(form.get('url') ?? ''),
      description: String(form.get('description') ?? ''),
      eventTypes: form.getAll('eventTypes').map(String) as WebhookEventType[],
      includeManaged: form.get('includeManaged') === 'on',
    };
    run(() => createWebhookAction(slug, input), {
      onSuccess: (r) => {
        setCreated({ url: r.endpoint.url, secret: r.secret });
        formRef.current?.reset();
      },
    });
  };

  return (
    <Card>
      <CardHeader>
        <CardTitle>New endpoint</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {created && <SecretNotice label="Signing secret" title={`Copy the signing secret of ${created.url} now: it is not shown again.`} secret={created.secret} onDone={() => setCreated(null)} />}
        <form
          ref={formRef}
          aria-label="New webhook endpoint"
          className="flex flex-col gap-4"
          // onSubmit, not action: a refused URL stays in the field to be corrected (React resets a form after its action).
          onSubmit={(e) => {
            e.preventDefault();
            submit(new FormData(e.currentTarget));
          }}
        >
          {error && <Alert variant="destructive">{error}</Alert>}
          <div className="grid gap-3 md:grid-cols-2">
            <Field id="webhook-url" label="URL" hint="https only; private and loopback addresses are refused.">
              <Input id="webhook-url" name="url" type="url" required placeholder="https://hooks.example.com/portal" aria-describedby="webhook-url-hint" />
            </Field>
            <Field id="webhook-description" label="Description (optional)">
              <Input id="webhook-description" name="description" maxLength={200} />
            </Field>
          </div>
          <fieldset className="grid gap-4 md:grid-cols-3">
            <legend className="mb-2 text-sm font-medium">Event types</legend>
            {groups.map((g) => (
              <div key={g} className="rounded-md border p-3">
                <div className="mb-2 text-xs font-semibold uppercase text-muted-foreground">{g}</div>
                {shown
                  .filter((t) => groupOf(t) === g)
                  .map((t) => (
                    <label key={t} className="flex items-center gap-2 py-0.5 text-sm">
                      <input type="checkbox" name="eventTypes" value={t} />
                      <span className="font-mono text-xs">{t}</span>
                    </label>
                  ))}
              </div>
            ))}
          </fieldset>
          {partner && (
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="includeManaged" /> Also the events of the tenants we manage (as far as each link allows)
            </label>
          )}
          <div>
            <Button type="submit" disabled={pending}>
              Add endpoint
            </Button>
          </div>
        </form>
      </CardContent>
      {dialog}
    </Card>
  );
}
