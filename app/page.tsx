import { redirect } from 'next/navigation';
import { readHomeSlug } from '@/lib/auth/request';

/** The portal's front door: signed in goes home, signed out goes to sign-in. */
export default async function Home() {
  const slug = await readHomeSlug();
  redirect(slug ? `/t/${slug}` : '/login');
}
