import { apiRoute } from '@/lib/api/route';
import { revokeLink } from '@/lib/data/links';
import { linkIdSchema } from '@/lib/validation/links';

export const POST = apiRoute({ permission: 'links.manage', params: linkIdSchema }, ({ ctx, params }) => revokeLink(ctx, params));
