import { apiRoute } from '@/lib/api/route';
import { compatUsers } from '@/lib/data/compat';
import { compatUsersQuerySchema } from '@/lib/validation/compat';

// The documents' API (docs/api.md, "The documents' API"): a user by customer number, or a page.
export const GET = apiRoute({ permission: 'users.read', contract: 'documents', provider: 'query', query: compatUsersQuerySchema }, ({ ctx, query }) => compatUsers(ctx, query));
