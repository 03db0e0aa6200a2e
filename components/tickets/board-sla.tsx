'use client';

import { useEffect, useState } from 'react';
import type { BoardTicketDto } from '@/lib/validation/board';
import { formatLeft, timerTone } from './sla-timer';

const utc = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

/** The current minute, refreshed every minute: SLA chips count down without a reload. */
export function useMinute(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(id);
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
