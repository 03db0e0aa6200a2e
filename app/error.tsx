'use client';

import { Button } from '@/components/ui/button';

/** Unexpected failures: no stack trace or SQL reaches the user, only a way to retry. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto flex max-w-md flex-col items-center gap-3 px-6 py-24 text-center">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="text-muted-foreground">
        Please try again. If it keeps happening, give support this reference: {error.digest ?? 'n/a'}.
      </p>
      <Button onClick={reset}>Try again</Button>
    </main>
  );
}
