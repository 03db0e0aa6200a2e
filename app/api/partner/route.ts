import { apiRoute } from '@/lib/api/route';
import { compatPartner } from '@/lib/data/compat';
import { compatPartnerQuerySchema } from '@/lib/validation/compat';

// The documents' API: the partner a provider code names (the caller's own, or one it manages).
export const GET = apiRoute({ permission: 'settings.read', contract: 'documents', provider: 'query', query: compatPartnerQuerySchema }, ({ ctx, query }) => compatPartner(ctx, query));
