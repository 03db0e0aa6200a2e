import { NextResponse } from 'next/server';
import { apiRoute } from '@/lib/api/route';
import { startInvoiceExport } from '@/lib/data/billing';
import { invoiceFiltersSchema } from '@/lib/validation/billing';

/** Starts a CSV export of the active tenant's invoices matching the filters: 202 with the export. */
export const POST = apiRoute({ permission: 'billing.invoices.export', rate: 'export', body: invoiceFiltersSchema }, async ({ ctx, body }) =>
  NextResponse.json(await startInvoiceExport(ctx, body), { status: 202 }),
);
