import { apiRoute } from '@/lib/api/route';
import { exportUsersCsv } from '@/lib/data/users';
import { listUsersSchema } from '@/lib/validation/users';

const filters = listUsersSchema.pick({ search: true, type: true, status: true });

export const GET = apiRoute(
  { permission: 'users.read', rate: 'export', query: filters },
  async ({ ctx, query }) => {
    const stream = await exportUsersCsv(ctx, query);
    const name = `users-${ctx.activeTenant.slug}-${new Date().toISOString().slice(0, 10)}.csv`;
    return new Response(stream, {
      headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}"`, 'cache-control': 'no-store' },
    });
  },
);
