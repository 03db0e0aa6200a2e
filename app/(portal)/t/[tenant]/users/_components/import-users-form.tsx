'use client';

import Link from 'next/link';
import { useId, useState, useTransition } from 'react';
import { toast } from 'sonner';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import type { ImportReport, ImportRowOutcome } from '@/lib/validation/user-import';
import { importUsersAction } from '../actions';

const outcomeText: Record<ImportRowOutcome, string> = {
  created: 'Imported',
  would_create: 'Would import',
  exists: 'Already here',
  invalid: 'Not imported',
};
const outcomeVariant: Record<
  ImportRowOutcome,
  'success' | 'outline' | 'secondary' | 'destructive'
> = {
  created: 'success',
  would_create: 'outline',
  exists: 'secondary',
  invalid: 'destructive',
};

/**
 * The import form: a file (or pasted text), Check (a dry run) and Import, and the per-row report.
 * Import asks for a check first, so nobody imports a file they have not seen reported.
 */
export function ImportUsersForm({ slug }: { slug: string }) {
  const ids = { file: useId(), text: useId(), help: useId() };
  const [csv, setCsv] = useState('');
  const [checked, setChecked] = useState<string | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();

  const run = (dryRun: boolean) =>
    start(async () => {
      const result = await importUsersAction(slug, { csv, dryRun });
      if (!result.ok) {
        setReport(null);
        setError(
          [result.error.message, ...Object.values(result.fieldErrors ?? {}).map((v) => v[0])]
            .filter((m, i, all) => all.indexOf(m) === i)
            .join(' '),
        );
        return;
      }
      setError(null);
      setReport(result.data);
      setChecked(dryRun ? csv : null);
      if (!dryRun)
        toast.success(
          `${result.data.counts.created} ${result.data.counts.created === 1 ? 'user' : 'users'} imported.`,
        );
    });

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    setCsv(await file.text());
    setReport(null);
  };

  return (
    <div className="space-y-4">
      <div className="grid max-w-3xl gap-2">
        <label htmlFor={ids.file} className="text-sm font-medium">
          CSV file
        </label>
        <input
          id={ids.file}
          type="file"
          accept=".csv,text/csv"
          className="text-sm"
          onChange={(e) => void readFile(e.target.files?.[0])}
        />
        <label htmlFor={ids.text} className="text-sm font-medium">
          Or paste the rows
        </label>
        <textarea
          id={ids.text}
          aria-describedby={ids.help}
          value={csv}
          onChange={(e) => {
            setCsv(e.target.value);
            setReport(null);
          }}
          spellCheck={false}
          className="min-h-40 rounded-md border px-3 py-2 font-mono text-sm"
          placeholder={'email,name,type\nada@example.com,Ada Lovelace,basic'}
        />
        <p id={ids.help} className="text-muted-foreground text-xs">
          The first line names the columns. Check first: Import is offered once the same text has
          been checked.
        </p>
      </div>
      <div className="flex gap-2">
        <Button
          type="button"
          variant="outline"
          disabled={pending || csv.trim() === ''}
          onClick={() => run(true)}
        >
          Check
        </Button>
        <Button
          type="button"
          disabled={pending || checked !== csv || csv.trim() === ''}
          onClick={() => run(false)}
        >
          Import
        </Button>
      </div>
      {error && (
        <p role="alert" className="text-destructive text-sm">
          {error}
        </p>
      )}
      {report && <ImportResult report={report} slug={slug} />}
    </div>
  );
}

function ImportResult({ report, slug }: { report: ImportReport; slug: string }) {
  const { counts } = report;
  const summary = report.dryRun
    ? `Checked ${report.rows.length} rows: ${counts.would_create} would be imported, ${counts.exists} already here, ${counts.invalid} with errors. Nothing was changed.`
    : `Imported ${counts.created} of ${report.rows.length} rows: ${counts.exists} already here, ${counts.invalid} with errors.`;
  return (
    <section aria-labelledby="import-result-title" className="space-y-2">
      <h2 id="import-result-title" className="text-lg font-semibold">
        {report.dryRun ? 'Check result' : 'Import result'}
      </h2>
      <p role="status" data-testid="import-summary">
        {summary}
      </p>
      <div className="overflow-x-auto rounded-md border">
        <table className="w-full text-sm">
          <thead>
            <tr className="border-b text-left">
              {['Line', 'Email', 'Result', 'Why'].map((h) => (
                <th key={h} scope="col" className="px-2 py-1 font-medium">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {report.rows.map((r) => (
              <tr key={r.line} className="border-b last:border-0">
                <td className="px-2 py-1 tabular-nums">{r.line}</td>
                <td className="px-2 py-1">
                  {r.userId ? (
                    <Link
                      href={`/t/${slug}/users/${r.userId}`}
                      prefetch={false}
                      className="underline"
                    >
                      {r.email}
                    </Link>
                  ) : (
                    r.email || '(empty)'
                  )}
                </td>
                <td className="px-2 py-1">
                  <Badge variant={outcomeVariant[r.outcome]}>{outcomeText[r.outcome]}</Badge>
                </td>
                <td className="px-2 py-1">
                  {Object.entries(r.errors)
                    .map(([column, messages]) => `${column}: ${messages.join(' ')}`)
                    .join('; ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
