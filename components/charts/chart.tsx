'use client';

import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';

/** Each series: its label (legend, tooltip, table header) and its colour, a theme variable. */
export type ChartConfig = Record<string, { label: string; color: string }>;
export type ChartTable = { columns: string[]; rows: (string | number | null)[][] };

/**
 * The frame every chart sits in (shadcn's chart pattern over Recharts): a title, the period and
 * unit, the chart at a fixed height (loading never shifts the page), a "View as table" toggle
 * showing the same numbers, "No data for this period" when empty, and an Export CSV link. The
 * chart itself keeps Recharts' accessibility layer: one tab stop, arrow keys between points.
 */
export function ChartCard({
  title,
  description,
  table,
  empty,
  csvHref,
  children,
}: {
  title: string;
  /** Period and unit, in words: "1 Nov to 30 Nov 2026 · percent of tickets". */
  description: string;
  table: ChartTable;
  empty: boolean;
  csvHref?: string;
  children: React.ReactNode;
}) {
  const [asTable, setAsTable] = useState(false);
  const id = useId();
  return (
    <Card>
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-2">
        <div>
          <CardTitle id={`${id}-title`}>{title}</CardTitle>
          <p className="text-sm text-muted-foreground">{description}</p>
        </div>
        <div className="flex gap-2">
          {!empty && (
            <Button size="sm" variant="outline" aria-pressed={asTable} onClick={() => setAsTable(!asTable)}>
              View as table
            </Button>
          )}
          {csvHref && !empty && (
            <a className="inline-flex h-8 items-center rounded-md border px-3 text-sm hover:bg-accent" href={csvHref} download>
              Export CSV
            </a>
          )}
        </div>
      </CardHeader>
      <CardContent>
        {empty ? (
          <p className="flex h-72 items-center justify-center text-sm text-muted-foreground">No data for this period</p>
        ) : asTable ? (
          <div className="max-h-72 overflow-auto">
            <Table aria-labelledby={`${id}-title`}>
              <TableHeader>
                <TableRow>
                  {table.columns.map((c) => (
                    <TableHead key={c}>{c}</TableHead>
                  ))}
                </TableRow>
              </TableHeader>
              <TableBody>
                {table.rows.map((r, i) => (
                  <TableRow key={i}>
                    {r.map((v, j) => (
                      <TableCell key={j}>{v ?? '—'}</TableCell>
                    ))}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        ) : (
          <figure className="h-72 w-full" aria-labelledby={`${id}-title`}>
            {children}
          </figure>
        )}
      </CardContent>
    </Card>
  );
}

/** The tooltip's box, in the card's colours. */
export const tooltipStyle = { backgroundColor: 'var(--card)', border: '1px solid var(--border)', borderRadius: 6, color: 'var(--foreground)', fontSize: 12 } as const;
