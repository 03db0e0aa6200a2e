import { redirect } from 'next/navigation';
import { allTenantsPage } from '@/lib/auth/page';

/** The All-tenants mode opens on its first list. */
export default async function AllTenantsHome() {
  await allTenantsPage(null);
  redirect('/t/all/users');
}
