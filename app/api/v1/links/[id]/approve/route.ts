import { apiRoute } from '@/lib/api/route';
import { decideLink } from '@/lib/data/links';
import { linkIdSchema } from '@/lib/validation/links';

export const POST = apiRoute({ permission: 'links.manage', params: linkIdSchema }, ({ ctx, params }) =>
  decideLink(ctx, { id: params.id, decision: 'approve' }),
);
