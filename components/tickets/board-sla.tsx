'use client';

import { useEffect, useState } from 'react';
import type { BoardTicketDto } from '@/lib/validation/board';
import { formatLeft, timerTone } from './sla-timer';

const utc = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

/**
 * The clock SLA countdowns read: `rendered` (the server's clock when it rendered the page) while
 * the page hydrates, so the browser's first render says exactly what the server's HTML says, then
 * this browser's clock, refreshed every minute so the chips count down without a reload. Reading
 * the browser's clock in the first render made "7 h 58 min left" against the server's "7 h 59 min
 * left" whenever a minute turned between the two: a hydration error (React #418), which rebuilt
 * the list in the browser and dropped what was typed in its search box.
 */
export function useMinute(rendered: number): number {
  const [now, setNow] = useState(rendered);
  useEffect(() => {
    const tick = () => setNow(Date.now());
    const first = setTimeout(tick, 0);
    const id = setInterval(tick, 60_000);
    return () => {
      clearTimeout(first);
      clearInterval(id);
    };
  }, []);
  return now;
}

/** A board row's SLA chip: time to the next breach, amber at risk, red breached, grey paused; the absolute time in its tooltip and accessible text. */
export function BoardSla({ sla, now }: { sla: BoardTicketDto['sla']; now: number }) {
  const overdue = sla.dueAt !== null && Date.parse(sla.dueAt) <= now;
  const stored = overdue ? 'breached' : (sla.state ?? 'running');
  // Running without a due time left: both timers are fulfilled.
  const state = (stored === 'running' || stored === 'at_risk') && !sla.dueAt ? 'met' : stored;
  let short: string;
  let full: string;
  if (state === 'breached') {
    const at = sla.breachedAt ?? sla.dueAt;
    short = 'Breached';
    full = at ? `Breached, due ${utc(at)}` : 'Breached';
  } else if (state === 'paused') {
    short = 'Paused';
    full = 'Paused (waiting)';
  } else if (state === 'met' || !sla.dueAt) {
    short = 'Met';
    full = 'Met';
  } else {
    short = `${state === 'at_risk' ? 'At risk: ' : ''}${formatLeft(Date.parse(sla.dueAt) - now)} left`;
    full = `${short}, due ${utc(sla.dueAt)}`;
  }
  const rest = full.slice(short.length);
  return (
    <span className={`inline-flex items-center rounded-md border px-2 py-0.5 text-xs whitespace-nowrap ${timerTone[state]}`} title={full} data-state={state}>
      {short}
      {rest && <span className="sr-only">{rest}</span>}
    </span>
  );
}
