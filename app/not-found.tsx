import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="mx-auto flex max-w-md flex-col items-center gap-3 px-6 py-24 text-center">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="text-muted-foreground">This page does not exist, or it is not available to you.</p>
      <Link className="text-primary underline" href="/">
        Go to your portal
      </Link>
    </main>
  );
}
