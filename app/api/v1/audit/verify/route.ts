import { apiRoute } from '@/lib/api/route';
import { verifyAuditChain } from '@/lib/data/audit-log';

export const POST = apiRoute({ permission: 'audit.verify' }, ({ ctx }) => verifyAuditChain(ctx));
