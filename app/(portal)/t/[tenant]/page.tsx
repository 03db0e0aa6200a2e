import { redirect } from 'next/navigation';
import { getPageContext } from '@/lib/auth/request';
import { can } from '@/lib/rbac';

/** A tenant's landing: the first workspace the user may use there. */
export default async function TenantHome({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const ctx = await getPageContext(tenant);
  if (ctx.via === 'home' && can(ctx, 'platform.tenants.read')) redirect(`/t/${ctx.activeTenant.slug}/partners`);
  // Through a link the users workspace explains what the link allows even when it shows no one.
  if (ctx.via === 'link' || can(ctx, 'users.read')) redirect(`/t/${ctx.activeTenant.slug}/users`);
  redirect(`/t/${ctx.homeTenant.slug}/sessions`);
}
