import { apiRoute } from '@/lib/api/route';
import { listAuditEvents } from '@/lib/data/audit-log';
import { listAuditSchema } from '@/lib/validation/audit';

export const GET = apiRoute({ permission: 'audit.read', query: listAuditSchema }, ({ ctx, query }) =>
  listAuditEvents(ctx, query),
);
