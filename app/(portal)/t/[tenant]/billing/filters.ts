import { listParams } from '@/lib/auth/page';
import { listInvoicesSchema } from '@/lib/validation/billing';

/** The invoice list's URL (`q`, `status`, `from`, `to`, `min`, `max`, `cursor`, `size`) as the data layer's filters; bad values are dropped. */
export function invoiceListParams(raw: Record<string, string | undefined>) {
  return listParams(listInvoicesSchema, {
    search: raw.q,
    status: raw.status,
    from_date: raw.from,
    to_date: raw.to,
    min_amount: raw.min,
    max_amount: raw.max,
    cursor: raw.cursor,
    limit: raw.size,
  });
}

/** "Oct 1 to Oct 31", "since Oct 1", "all time": the period a list covers, in words. */
export function periodWords(from?: string, to?: string): string {
  if (from && to) return `${from} to ${to}`;
  if (from) return `since ${from}`;
  if (to) return `until ${to}`;
  return 'all time';
}

/** What an export of the current filter covers, for its confirmation (EXP-1). */
export function exportDescription(count: number, where: string, f: { status?: string; from_date?: string; to_date?: string; search?: string }): string {
  const parts = [f.status && `status = ${f.status}`, (f.from_date || f.to_date) && periodWords(f.from_date, f.to_date), f.search && `matching "${f.search}"`].filter(Boolean);
  return `${count.toLocaleString('en')} ${count === 1 ? 'invoice' : 'invoices'} ${where}${parts.length ? `, ${parts.join(', ')}` : ''}. The file is ready in the Exports panel (top right) and its link expires in 7 days.`;
}
