import { NextResponse } from 'next/server';
import { apiRoute } from '@/lib/api/route';
import { exportBody } from '@/lib/api/partner-billing';
import { startConsolidatedInvoiceExport } from '@/lib/data/billing';
import { partnerExportSchema } from '@/lib/validation/billing';

/**
 * Starts a CSV export of invoices across the tenants the caller bills (the seed's contract 5):
 * 202 `{export_id, status, estimated_completion, download_url: null, expires_at}`. At most 10
 * exports an hour per user.
 */
export const POST = apiRoute({ permission: 'partner.billing.invoices.export', rate: 'export', body: partnerExportSchema }, async ({ ctx, body }) =>
  NextResponse.json(exportBody(await startConsolidatedInvoiceExport(ctx, body)), { status: 202 }),
);
