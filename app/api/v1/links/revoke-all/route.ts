import { apiRoute } from '@/lib/api/route';
import { revokeAllLinks } from '@/lib/data/links';

/** Emergency: every live link the caller's tenant holds as a partner ends now. */
export const POST = apiRoute({ permission: 'links.manage' }, ({ ctx }) => revokeAllLinks(ctx));
