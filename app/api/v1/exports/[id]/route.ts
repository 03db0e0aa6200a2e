import { apiRoute } from '@/lib/api/route';
import { getMyExport } from '@/lib/data/exports';
import { idParamsSchema } from '@/lib/validation/common';

/** One of the caller's exports: status, progress, size, expiry and, when ready, its download URL. */
export const GET = apiRoute({ permission: 'account.read', params: idParamsSchema }, ({ ctx, params }) => getMyExport(ctx, params));
