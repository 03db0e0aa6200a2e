'use client';

import { useRef, useState } from 'react';
import { Field } from '@/components/forms/field';
import { SecretNotice } from '@/components/forms/secret-notice';
import { useActionRunner } from '@/components/forms/use-action-runner';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Input } from '@/components/ui/input';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { StatusBadge } from '@/components/ui/status-badge';
import type { ApiKeyDto } from '@/lib/validation/api-keys';
import { createApiKeyAction, revokeApiKeyAction } from '../actions';

const areaOf = (p: string) => (p.startsWith('partner.') || p.startsWith('platform.') ? p.split('.').slice(0, 2).join('.') : p.split('.')[0]!);
const when = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : null);

/** Make a key (name, permissions you hold, optional expiry; the key is shown once), and every key of the tenant with revoke. */
export function ApiKeys({ slug, keys, held }: { slug: string; keys: ApiKeyDto[]; held: string[] }) {
  const { pending, error, run, dialog } = useActionRunner();
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const areas = [...new Set(held.map(areaOf))];

  const submit = (form: FormData) => {
    const name = String(form.get('name') ?? '');
    const permissions = form.getAll('permissions').map(String) as never[];
    const expiresOn = String(form.get('expiresOn') ?? '') || null;
    run(() => createApiKeyAction(slug, { name, permissions, expiresOn }), {
      onSuccess: (r) => {
        setCreated({ name: r.key.name, token: r.token });
        formRef.current?.reset();
      },
    });
  };

  return (
    <div className="flex flex-col gap-6">
      {created && <SecretNotice label="New API key" title={`Copy the key “${created.name}” now: it is not shown again.`} secret={created.token} onDone={() => setCreated(null)} />}
      <Card>
        <CardHeader>
          <CardTitle>New key</CardTitle>
        </CardHeader>
        <CardContent>
          <form
            ref={formRef}
            aria-label="New API key"
            className="flex flex-col gap-4"
            // onSubmit, not action: what was entered stays when the server refuses it (React resets a form after its action).
            onSubmit={(e) => {
              e.preventDefault();
              submit(new FormData(e.currentTarget));
            }}
          >
            {error && <Alert variant="destructive">{error}</Alert>}
            <div className="grid gap-3 md:grid-cols-3">
              <Field id="key-name" label="Name" hint="What uses it, such as “Billing sync”.">
                <Input id="key-name" name="name" required maxLength={80} aria-describedby="key-name-hint" />
              </Field>
              <Field id="key-expires" label="Expires on (optional)" hint="The key stops at the start of that day (UTC).">
                <Input id="key-expires" name="expiresOn" type="date" aria-describedby="key-expires-hint" />
              </Field>
            </div>
            <fieldset className="grid gap-4 md:grid-cols-3">
              <legend className="mb-2 text-sm font-medium">Permissions (yours to give)</legend>
              {areas.map((area) => (
                <div key={area} className="rounded-md border p-3">
                  <div className="mb-2 text-xs font-semibold uppercase text-muted-foreground">{area}</div>
                  {held
                    .filter((p) => areaOf(p) === area)
                    .map((p) => (
                      <label key={p} className="flex items-center gap-2 py-0.5 text-sm">
                        <input type="checkbox" name="permissions" value={p} />
                        <span className="font-mono text-xs">{p}</span>
                      </label>
                    ))}
                </div>
              ))}
            </fieldset>
            <div>
              <Button type="submit" disabled={pending}>
                Create key
              </Button>
            </div>
          </form>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Keys</CardTitle>
        </CardHeader>
        <CardContent>
          {keys.length === 0 ? (
            <p className="text-sm text-muted-foreground">No API keys yet. A key you create appears here; its secret is shown only once.</p>
          ) : (
            <Table aria-label="API keys">
              <TableHeader>
                <TableRow>
                  <TableHead>Name</TableHead>
                  <TableHead>Key</TableHead>
                  <TableHead>Permissions</TableHead>
                  <TableHead>Made by</TableHead>
                  <TableHead>Expires</TableHead>
                  <TableHead>Last used</TableHead>
                  <TableHead>Status</TableHead>
                  <TableHead>
                    <span className="sr-only">Actions</span>
                  </TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {keys.map((k) => (
                  <TableRow key={k.id}>
                    <TableCell className="font-medium">{k.name}</TableCell>
                    <TableCell className="font-mono text-xs">{k.prefix}…</TableCell>
                    <TableCell>
                      <details>
                        <summary className="cursor-pointer text-sm">{k.permissions.length === 1 ? '1 permission' : `${k.permissions.length} permissions`}</summary>
                        <ul className="mt-1 font-mono text-xs">
                          {k.permissions.map((p) => (
                            <li key={p}>{p}</li>
                          ))}
                        </ul>
                      </details>
                    </TableCell>
                    <TableCell className="text-xs">
                      <div>{k.createdBy}</div>
                      <time dateTime={k.createdAt} className="text-muted-foreground">
                        {when(k.createdAt)}
                      </time>
                    </TableCell>
                    <TableCell className="text-xs">{when(k.expiresAt) ?? <span className="text-muted-foreground">Never</span>}</TableCell>
                    <TableCell className="text-xs">
                      {k.lastUsedAt ? (
                        <>
                          <time dateTime={k.lastUsedAt}>{when(k.lastUsedAt)}</time>
                          {k.lastUsedIp && <div className="text-muted-foreground">from {k.lastUsedIp}</div>}
                        </>
                      ) : (
                        <span className="text-muted-foreground">Never used</span>
                      )}
                    </TableCell>
                    <TableCell>
                      <StatusBadge value={k.status} />
                      {k.revokedBy && <div className="mt-1 text-xs text-muted-foreground">by {k.revokedBy}</div>}
                    </TableCell>
                    <TableCell>
                      {k.status !== 'revoked' && (
                        <Button
                          type="button"
                          size="sm"
                          variant="outline"
                          disabled={pending}
                          aria-label={`Revoke ${k.name}`}
                          onClick={() =>
                            run(() => revokeApiKeyAction(slug, { id: k.id }), {
                              confirm: { title: `Revoke the key “${k.name}”?`, description: 'Calls with it are refused from the next request. This cannot be undone.', action: 'Revoke key' },
                              success: `Key “${k.name}” revoked`,
                            })
                          }
                        >
                          Revoke
                        </Button>
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>
      {dialog}
    </div>
  );
}
