export default function Loading() {
  return <div className="mx-auto max-w-6xl px-4 py-6 text-muted-foreground">Loading users…</div>;
}
