/** "3 of 5 operations today" with a bar; a null limit is "no limit". */
export function UsageMeter({ label, used, limit }: { label: string; used: number; limit: number | null }) {
  if (limit === null) {
    return (
      <div className="text-sm">
        <span className="font-medium">{label}:</span> {used} operations, no limit
      </div>
    );
  }
  const shown = Math.min(used, limit);
  const pct = Math.round((shown / limit) * 100);
  const text = `${used} of ${limit} operations ${label.toLowerCase()}`;
  return (
    <div className="flex flex-col gap-1 text-sm">
      <span>{text}</span>
      <div
        role="progressbar"
        aria-label={`Operations ${label.toLowerCase()}`}
        aria-valuemin={0}
        aria-valuemax={limit}
        aria-valuenow={shown}
        aria-valuetext={text}
        className="h-2 w-full max-w-sm overflow-hidden rounded bg-secondary"
      >
        <div className={`h-full ${pct >= 100 ? 'bg-red-600' : pct >= 80 ? 'bg-amber-500' : 'bg-primary'}`} style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}
