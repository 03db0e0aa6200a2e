import { redirect } from 'next/navigation';
import { getPageContext } from '@/lib/auth/request';
import { landingPath } from '@/lib/auth/page';

/** A tenant's landing: the first workspace (registry order) the user may use there. */
export default async function TenantHome({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  redirect(await landingPath(await getPageContext(tenant)));
}
