import { apiRoute } from '@/lib/api/route';
import { exportBody } from '@/lib/api/partner-billing';
import { getMyExport } from '@/lib/data/exports';
import { idParamsSchema } from '@/lib/validation/common';

/** An export's status (the seed's contract 6): row count, size and download URL once ready. */
export const GET = apiRoute({ permission: 'partner.billing.invoices.export', params: idParamsSchema }, async ({ ctx, params }) => exportBody(await getMyExport(ctx, params)));
