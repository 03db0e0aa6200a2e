'use client';

import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { Button } from '@/components/ui/button';

/**
 * A page of a tenant that failed to load: inside the shell (navigation and switcher stay), with
 * the reference support needs (the digest the server logged with the error) and Retry, which
 * renders the page again from the server. No stack trace or SQL reaches the browser.
 */
export default function TenantPageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <section role="alert" aria-labelledby="page-error-title" className="mx-auto flex max-w-lg flex-col items-center gap-3 py-16 text-center">
      <h1 id="page-error-title" className="text-2xl font-semibold">
        This page could not be loaded
      </h1>
      <p className="text-muted-foreground">Try again. If it keeps happening, give support this reference: {error.digest ?? 'n/a'}.</p>
      <Button
        disabled={pending}
        onClick={() =>
          start(() => {
            router.refresh();
            reset();
          })
        }
      >
        {pending ? 'Retrying…' : 'Retry'}
      </Button>
    </section>
  );
}
