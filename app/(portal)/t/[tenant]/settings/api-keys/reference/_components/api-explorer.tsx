'use client';

import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Field } from '@/components/forms/field';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';

type Parameter = { name?: string; in?: string; required?: boolean; description?: string; schema?: unknown; $ref?: string };
type Operation = { summary?: string; description?: string; 'x-permission'?: string; parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: unknown }> } };
type Doc = { info: { title: string; version: string }; paths: Record<string, Record<string, Operation>> };
type Entry = { method: string; path: string; op: Operation };

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

async function fetchDoc(): Promise<Doc> {
  const res = await fetch('/api/v1/openapi.json');
  if (!res.ok) throw new Error(`openapi.json ${res.status}`);
  return (await res.json()) as Doc;
}

type Answer = { status: number; headers: string; body: string; ms: number };

/** One call as a script would make it: the key only (no cookie), the answer pretty-printed. */
async function tryCall(method: string, url: string, key: string, tenant: string, body: string): Promise<Answer> {
  const started = performance.now();
  const res = await fetch(url, {
    method,
    credentials: 'omit',
    headers: { Authorization: `Bearer ${key}`, ...(tenant ? { 'X-Active-Tenant-Id': tenant } : {}), ...(body ? { 'Content-Type': 'application/json' } : {}) },
    ...(body && method !== 'GET' ? { body } : {}),
  });
  const text = await res.text();
  let pretty = text;
  try {
    pretty = JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    // not JSON: shown as is
  }
  const headers = ['x-request-id', 'x-ratelimit-remaining', 'x-cross-tenant-access', 'retry-after']
    .map((h) => [h, res.headers.get(h)] as const)
    .filter(([, v]) => v !== null)
    .map(([h, v]) => `${h}: ${v}`)
    .join('\n');
  return { status: res.status, headers, body: pretty, ms: Math.round(performance.now() - started) };
}

/** The API reference and a "Try it" form: the operations grouped by resource, one shown at a time. */
export function ApiExplorer() {
  const { data, error } = useQuery({ queryKey: ['openapi'], queryFn: fetchDoc, staleTime: Infinity });
  const [filter, setFilter] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const entries = useMemo<Entry[]>(
    () =>
      data
        ? Object.entries(data.paths).flatMap(([path, ops]) =>
            Object.entries(ops)
              .filter(([m]) => METHODS.includes(m))
              .map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
          )
        : [],
    [data],
  );
  if (error) return <Alert variant="destructive">The API document could not be loaded.</Alert>;
  if (!data) return <p className="text-sm text-muted-foreground">Loading the API document…</p>;
  const shown = entries.filter((e) => `${e.method} ${e.path} ${e.op['x-permission'] ?? ''}`.toLowerCase().includes(filter.toLowerCase()));
  const current = entries.find((e) => `${e.method} ${e.path}` === selected) ?? null;
  return (
    <div className="grid gap-6 lg:grid-cols-[22rem_1fr]">
      <nav aria-label="Endpoints" className="flex flex-col gap-2">
        <Input type="search" aria-label="Filter endpoints" placeholder="Filter: users, POST, billing…" value={filter} onChange={(e) => setFilter(e.target.value)} />
        <p className="text-xs text-muted-foreground">
          {data.info.title} {data.info.version}: {shown.length} of {entries.length} endpoints
        </p>
        <ul className="max-h-[70vh] overflow-y-auto rounded-md border text-sm">
          {shown.map((e) => {
            const key = `${e.method} ${e.path}`;
            return (
              <li key={key}>
                <button
                  type="button"
                  className={`flex w-full items-center gap-2 px-2 py-1.5 text-left hover:bg-accent ${key === selected ? 'bg-accent' : ''}`}
                  aria-label={key}
                  aria-current={key === selected ? 'true' : undefined}
                  onClick={() => setSelected(key)}
                >
                  <span className="w-14 shrink-0 font-mono text-xs font-semibold">{e.method}</span>
                  <span className="truncate font-mono text-xs">{e.path}</span>
                </button>
              </li>
            );
          })}
        </ul>
      </nav>
      <section aria-label="Endpoint" className="min-w-0">
        {current ? <OperationView key={`${current.method} ${current.path}`} entry={current} /> : <p className="text-sm text-muted-foreground">Choose an endpoint.</p>}
      </section>
    </div>
  );
}

function OperationView({ entry }: { entry: Entry }) {
  const { method, path, op } = entry;
  const params = (op.parameters ?? []).filter((p) => p.name);
  const pathParams = params.filter((p) => p.in === 'path');
  const bodySchema = op.requestBody?.content?.['application/json']?.schema;
  const [key, setKey] = useState('');
  const [tenant, setTenant] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  const [query, setQuery] = useState('');
  const [body, setBody] = useState(bodySchema ? '{}' : '');
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const url = () => {
    let p = path;
    for (const pp of pathParams) p = p.replace(`{${pp.name}}`, encodeURIComponent(values[pp.name!] ?? ''));
    const q = query.trim().replace(/^\?/, '');
    return q ? `${p}?${q}` : p;
  };
  const send = async () => {
    setProblem(null);
    setAnswer(null);
    if (!key.trim()) return setProblem('Paste an API key to try the call.');
    if (body.trim()) {
      try {
        JSON.parse(body);
      } catch {
        return setProblem('The body is not valid JSON.');
      }
    }
    setSending(true);
    try {
      setAnswer(await tryCall(method, url(), key.trim(), tenant.trim(), body.trim()));
    } catch (error) {
      setProblem(error instanceof Error ? error.message : 'The call failed.');
    } finally {
      setSending(false);
    }
  };

  return (
    <div className="flex flex-col gap-4">
      <h2 className="flex flex-wrap items-center gap-2 text-lg font-semibold">
        <span className="font-mono">{method}</span>
        <span className="break-all font-mono">{path}</span>
      </h2>
      {op['x-permission'] && (
        <p className="text-sm">
          Permission <Badge variant="outline">{op['x-permission']}</Badge>
        </p>
      )}
      {params.length > 0 && (
        <div>
          <h3 className="mb-1 text-sm font-semibold">Parameters</h3>
          <ul className="flex flex-col gap-1 text-sm">
            {params.map((p) => (
              <li key={`${p.in}-${p.name}`}>
                <code className="font-mono">{p.name}</code> <span className="text-muted-foreground">({p.in}{p.required ? ', required' : ''})</span>
                {p.description ? `: ${p.description}` : ''}
              </li>
            ))}
          </ul>
        </div>
      )}
      {bodySchema !== undefined && (
        <details>
          <summary className="cursor-pointer text-sm font-semibold">Request body (JSON schema)</summary>
          <pre className="mt-2 max-h-72 overflow-auto rounded-md bg-muted p-2 text-xs">{JSON.stringify(bodySchema, null, 2)}</pre>
        </details>
      )}
      <form
        aria-label="Try it"
        className="flex flex-col gap-3 rounded-md border p-3"
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <h3 className="text-sm font-semibold">Try it</h3>
        {problem && <Alert variant="destructive">{problem}</Alert>}
        <Field id="try-key" label="API key" hint="Kept in this page only; the call carries no cookie.">
          <Input id="try-key" type="password" autoComplete="off" value={key} onChange={(e) => setKey(e.target.value)} placeholder="pp_live_…" />
        </Field>
        <Field id="try-tenant" label="X-Active-Tenant-Id (optional)">
          <Input id="try-tenant" value={tenant} onChange={(e) => setTenant(e.target.value)} placeholder="a managed tenant's id" />
        </Field>
        {pathParams.map((p) => (
          <Field key={p.name} id={`try-${p.name}`} label={`Path: ${p.name}`}>
            <Input id={`try-${p.name}`} value={values[p.name!] ?? ''} onChange={(e) => setValues({ ...values, [p.name!]: e.target.value })} />
          </Field>
        ))}
        <Field id="try-query" label="Query string (optional)">
          <Input id="try-query" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="limit=10&search=ben" />
        </Field>
        {method !== 'GET' && (
          <Field id="try-body" label="Body (JSON)">
            <textarea id="try-body" className="min-h-28 rounded-md border bg-background p-2 font-mono text-xs" value={body} onChange={(e) => setBody(e.target.value)} />
          </Field>
        )}
        <div>
          <Button type="submit" disabled={sending}>
            {sending ? 'Sending…' : `Send ${method}`}
          </Button>
        </div>
      </form>
      {answer && (
        <section aria-label="Response" className="flex flex-col gap-2">
          <p className="text-sm">
            Status <strong data-testid="try-status">{answer.status}</strong> in {answer.ms} ms
          </p>
          {answer.headers && <pre className="rounded-md bg-muted p-2 text-xs">{answer.headers}</pre>}
          <pre className="max-h-96 overflow-auto rounded-md bg-muted p-2 text-xs" data-testid="try-body">
            {answer.body}
          </pre>
        </section>
      )}
    </div>
  );
}
