import { apiRoute } from '@/lib/api/route';
import { cancelMyExport } from '@/lib/data/exports';
import { idParamsSchema } from '@/lib/validation/common';

/** Cancels one of the caller's queued or running exports. */
export const POST = apiRoute({ permission: 'account.read', params: idParamsSchema }, ({ ctx, params }) => cancelMyExport(ctx, params));
