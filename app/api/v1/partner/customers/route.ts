import { apiRoute } from '@/lib/api/route';
import { listPartnerCustomers } from '@/lib/data/tenancy';

export const GET = apiRoute({ permission: 'partner.tenants.list' }, async ({ ctx }) => ({
  items: await listPartnerCustomers(ctx),
}));
