import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PortalShell } from '@/components/layout/portal-shell';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { getPageContext } from '@/lib/auth/request';
import { getUserOrThrow } from '@/lib/data/users';
import { AppError } from '@/lib/errors';
import { idSchema } from '@/lib/validation/common';

export const metadata: Metadata = { title: 'User' };

export default async function UserPage({ params }: { params: Promise<{ tenant: string; id: string }> }) {
  const { tenant, id } = await params;
  const ctx = await getPageContext(tenant);
  if (!idSchema.safeParse(id).success) notFound();
  const user = await getUserOrThrow(ctx, { id }).catch((error: unknown) => {
    if (error instanceof AppError && (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN')) notFound();
    throw error;
  });
  const rows: [string, React.ReactNode][] = [
    ['Email', user.email],
    ['Type', user.type],
    ['Status', <Badge key="s">{user.status}</Badge>],
    ['Roles', user.roles.map((r) => r.name).join(', ') || 'None'],
    ['Created', user.createdAt.slice(0, 19).replace('T', ' ')],
    ['Updated', user.updatedAt.slice(0, 19).replace('T', ' ')],
  ];
  return (
    <PortalShell ctx={ctx} workspace="users">
      <Link href={`/t/${ctx.activeTenant.slug}/users`} className="text-sm text-primary hover:underline">
        ← Users
      </Link>
      <Card className="mt-3 max-w-2xl">
        <CardHeader>
          <CardTitle>{user.name}</CardTitle>
        </CardHeader>
        <CardContent>
          <dl className="grid grid-cols-[8rem_1fr] gap-y-2 text-sm">
            {rows.map(([k, v]) => (
              <div key={k} className="contents">
                <dt className="text-muted-foreground">{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
        </CardContent>
      </Card>
    </PortalShell>
  );
}
