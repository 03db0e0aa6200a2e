'use client';

import { signOut } from 'next-auth/react';
import { Button } from '@/components/ui/button';

export function SignOutButton({ slug }: { slug: string }) {
  return (
    <Button variant="ghost" size="sm" onClick={() => signOut({ callbackUrl: `/t/${slug}/login` })}>
      Sign out
    </Button>
  );
}
