import type { SlaTimerDto } from '@/lib/validation/tickets';

export const timerTone = {
  running: 'border-border text-foreground',
  at_risk: 'border-amber-500 bg-amber-50 text-amber-900 dark:bg-amber-950/40 dark:text-amber-200',
  breached: 'border-red-600 bg-red-50 text-red-800 dark:bg-red-950/40 dark:text-red-200',
  paused: 'border-border bg-muted text-muted-foreground',
  met: 'border-emerald-600 bg-emerald-50 text-emerald-900 dark:bg-emerald-950/40 dark:text-emerald-200',
} as const;

/** "2 d 3 h", "3 h 20 min", "45 min": calendar time, so every ticket compares on one scale. */
export function formatLeft(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d > 0) return `${d} d${h ? ` ${h} h` : ''}`;
  if (h > 0) return `${h} h${m ? ` ${m} min` : ''}`;
  return `${m} min`;
}

const utc = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

/** What a timer says, in words: the same text is its accessible name, with the absolute due time. */
export function timerText(t: SlaTimerDto, now: number): { short: string; full: string } {
  const due = t.dueAt ? `, due ${utc(t.dueAt)}` : '';
  switch (t.state) {
    case 'met':
      return { short: 'Met', full: `Met${due}` };
    case 'paused':
      return { short: 'Paused', full: `Paused (waiting), ${t.usedMinutes} of ${t.targetMinutes} working minutes used` };
    case 'breached':
      return { short: 'Breached', full: `Breached${due}` };
    default: {
      const left = t.dueAt ? formatLeft(Date.parse(t.dueAt) - now) : '';
      const short = `${t.state === 'at_risk' ? 'At risk: ' : ''}${left} left`;
      return { short, full: `${short}${due}` };
    }
  }
}

/** One SLA timer as a badge: amber at risk (80 % used), red breached, grey paused; the absolute due time in its tooltip and, for screen readers, in its text. */
export function SlaTimer({ label, timer, now }: { label: string; timer: SlaTimerDto; now: number }) {
  const { short, full } = timerText(timer, now);
  const rest = full.slice(short.length);
  return (
    <span className={`inline-flex items-center gap-1 rounded-md border px-2 py-0.5 text-xs ${timerTone[timer.state]}`} title={full} data-state={timer.state}>
      <span className="font-medium">{label}:</span>
      <span>{short}</span>
      {rest && <span className="sr-only">{rest}</span>}
    </span>
  );
}
