import { TZDate } from '@date-fns/tz';
import type { TicketPriority } from './enums';

/**
 * SLA clocks (DESIGN.md section 4, Tickets): how long a ticket has had, and when its target falls
 * due, counted in calendar hours or in a tenant's business hours (an IANA time zone, opening
 * hours per weekday, holidays), with the time a ticket spent paused (pending, on hold) left out.
 * Pure functions of instants, so the pages, the API and the breach scan agree to the minute.
 */

export const weekdays = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof weekdays)[number];

/** "09:00"-"17:00": local wall-clock times; "24:00" ends a range at midnight. */
export type OpeningRange = readonly [string, string];

export type BusinessCalendar = {
  /** IANA time zone the hours and holidays are read in. */
  timeZone: string;
  /** Opening ranges per weekday; a day without any is closed. */
  hours: Partial<Record<Weekday, readonly OpeningRange[]>>;
  /** Closed days, as local dates (YYYY-MM-DD). */
  holidays: readonly string[];
};

export type SlaMode = 'business' | 'calendar';
/** A stretch a ticket's clock stood still; `to` null: it still does. */
export type Pause = { from: Date; to: Date | null };

/** Monday to Friday, 09:00 to 17:00 UTC, no holidays: the calendar of a tenant that set none. */
export const defaultCalendar: BusinessCalendar = {
  timeZone: 'UTC',
  hours: { mon: [['09:00', '17:00']], tue: [['09:00', '17:00']], wed: [['09:00', '17:00']], thu: [['09:00', '17:00']], fri: [['09:00', '17:00']] },
  holidays: [],
};

const MINUTE = 60_000;
/** How far the clock looks for working time before it gives up (a calendar open a few hours a year still works). */
const HORIZON_DAYS = 400;

type Span = readonly [number, number];

const hm = (s: string): [number, number] => {
  const m = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(s);
  if (!m || (m[1] === '24' && m[2] !== '00')) throw new RangeError(`Not a time of day: ${s}`);
  return [Number(m[1]), Number(m[2])];
};
const isoDay = (d: TZDate) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** Whether a time zone name is one the runtime knows. */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * The calendar's open spans (epoch ms, [from, to)) overlapping [a, b), in order. Each local day
 * is read in the calendar's zone, so a day of a daylight-saving change keeps its wall-clock hours.
 */
export function openSpans(cal: BusinessCalendar, a: number, b: number): Span[] {
  const out: Span[] = [];
  const first = new TZDate(a, cal.timeZone);
  for (let i = -1; ; i++) {
    const day = new TZDate(first.getFullYear(), first.getMonth(), first.getDate() + i, cal.timeZone);
    if (day.getTime() >= b) break;
    for (const [from, to] of daySpans(cal, day)) {
      const lo = Math.max(from, a);
      const hi = Math.min(to, b);
      if (hi > lo) out.push([lo, hi]);
    }
  }
  return out.sort((x, y) => x[0] - y[0]);
}

/**
 * One local day's open spans, remembered per calendar object: the breach scan counts thousands
 * of tickets of one tenant against the same calendar, and the days repeat.
 */
const dayCache = new WeakMap<BusinessCalendar, Map<string, readonly Span[]>>();
function daySpans(cal: BusinessCalendar, day: TZDate): readonly Span[] {
  let days = dayCache.get(cal);
  if (!days) dayCache.set(cal, (days = new Map()));
  const key = isoDay(day);
  const known = days.get(key);
  if (known) return known;
  const spans: Span[] = [];
  if (!cal.holidays.includes(key)) {
    for (const [open, close] of cal.hours[weekdays[day.getDay()]!] ?? []) {
      const [oh, om] = hm(open);
      const [ch, cm] = hm(close);
      const from = new TZDate(day.getFullYear(), day.getMonth(), day.getDate(), oh, om, cal.timeZone).getTime();
      const to = new TZDate(day.getFullYear(), day.getMonth(), day.getDate(), ch, cm, cal.timeZone).getTime();
      if (to > from) spans.push([from, to]);
    }
  }
  days.set(key, spans);
  return spans;
}

/** `spans` with the pauses cut out (a pause without an end runs to `Infinity`). */
function withoutPauses(spans: Span[], pauses: readonly Pause[]): Span[] {
  const cuts = pauses.map((p): Span => [p.from.getTime(), p.to ? p.to.getTime() : Infinity]).sort((x, y) => x[0] - y[0]);
  const out: Span[] = [];
  for (const [from, to] of spans) {
    let start = from;
    for (const [cf, ct] of cuts) {
      if (ct <= start || cf >= to) continue;
      if (cf > start) out.push([start, cf]);
      start = Math.max(start, ct);
      if (start >= to) break;
    }
    if (start < to) out.push([start, to]);
  }
  return out;
}

function workingSpans(mode: SlaMode, cal: BusinessCalendar, a: number, b: number, pauses: readonly Pause[]): Span[] {
  return withoutPauses(mode === 'calendar' ? [[a, b]] : openSpans(cal, a, b), pauses);
}

/**
 * When a target of `minutes` working minutes from `start` falls due: calendar minutes, or the
 * calendar's open minutes, with the pauses left out. Null while a pause without an end holds the
 * clock before the target is reached (the ticket is waiting: "Paused"). Throws when the calendar
 * opens for too little time to reach the target within 400 days.
 */
export function dueAt(start: Date, minutes: number, opts: { mode: SlaMode; calendar: BusinessCalendar; pauses?: readonly Pause[] }): Date | null {
  let left = minutes * MINUTE;
  const pauses = opts.pauses ?? [];
  const stopped = pauses.some((p) => p.to === null);
  const step = 14 * 86_400_000;
  for (let from = start.getTime(); from < start.getTime() + HORIZON_DAYS * 86_400_000; from += step) {
    for (const [lo, hi] of workingSpans(opts.mode, opts.calendar, from, from + step, pauses)) {
      if (hi - lo >= left) return new Date(lo + left);
      left -= hi - lo;
    }
    // An open pause swallows everything after it: the clock stands still from there on.
    if (stopped && pauses.some((p) => p.to === null && p.from.getTime() < from + step)) return null;
  }
  throw new RangeError(`The business hours leave no ${minutes} working minutes within ${HORIZON_DAYS} days.`);
}

/** Working minutes from `start` to `now` (calendar or open minutes), pauses left out. */
export function workingMinutes(start: Date, now: Date, opts: { mode: SlaMode; calendar: BusinessCalendar; pauses?: readonly Pause[] }): number {
  if (now <= start) return 0;
  const spans = workingSpans(opts.mode, opts.calendar, start.getTime(), now.getTime(), opts.pauses ?? []);
  return spans.reduce((n, [lo, hi]) => n + (hi - lo), 0) / MINUTE;
}

export type TimerState = 'running' | 'at_risk' | 'breached' | 'paused' | 'met';
/** Share of the target used when a running timer turns amber ("at risk"). */
export const AT_RISK_SHARE = 0.8;

/**
 * One SLA timer as a ticket shows it: running, at risk (80 % used), breached, paused (the clock
 * stands still now), or met (fulfilled in time; fulfilled late stays breached).
 */
export function timerState(t: { start: Date; targetMinutes: number; now: Date; fulfilledAt?: Date | null; mode: SlaMode; calendar: BusinessCalendar; pauses?: readonly Pause[] }): {
  state: TimerState;
  dueAt: Date | null;
  usedMinutes: number;
} {
  const end = t.fulfilledAt ?? t.now;
  const usedMinutes = workingMinutes(t.start, end, t);
  const due = dueAt(t.start, t.targetMinutes, t);
  const breached = usedMinutes > t.targetMinutes || (due !== null && due < end);
  if (t.fulfilledAt) return { state: breached ? 'breached' : 'met', dueAt: due, usedMinutes };
  if (breached) return { state: 'breached', dueAt: due, usedMinutes };
  if ((t.pauses ?? []).some((p) => p.to === null)) return { state: 'paused', dueAt: due, usedMinutes };
  return { state: usedMinutes >= AT_RISK_SHARE * t.targetMinutes ? 'at_risk' : 'running', dueAt: due, usedMinutes };
}

/** One target: so many working minutes, counted in calendar or business hours. */
export type SlaTarget = { minutes: number; mode: SlaMode };
export type SlaPolicy = Record<TicketPriority, { firstResponse: SlaTarget; resolution: SlaTarget }>;

/** A business day is 8 business hours (the default calendar's day). */
const BUSINESS_DAY = 8 * 60;

/**
 * The targets of a tenant that set none (DESIGN.md section 4): urgent 1 h / 4 h in calendar
 * hours; high 4 h / 1 business day, normal 8 business hours / 3 business days, low 24 business
 * hours / 5 business days.
 */
export const defaultSlaPolicy: SlaPolicy = {
  urgent: { firstResponse: { minutes: 60, mode: 'calendar' }, resolution: { minutes: 240, mode: 'calendar' } },
  high: { firstResponse: { minutes: 240, mode: 'business' }, resolution: { minutes: BUSINESS_DAY, mode: 'business' } },
  normal: { firstResponse: { minutes: 480, mode: 'business' }, resolution: { minutes: 3 * BUSINESS_DAY, mode: 'business' } },
  low: { firstResponse: { minutes: 1440, mode: 'business' }, resolution: { minutes: 5 * BUSINESS_DAY, mode: 'business' } },
};

/** The stretches a ticket's clocks stood still: from entering a paused status to leaving it (open-ended while it still is). */
export function pausesOf(events: readonly { toStatus: string; at: Date }[], paused: readonly string[]): Pause[] {
  const out: Pause[] = [];
  let since: Date | null = null;
  for (const e of [...events].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    const isPaused = paused.includes(e.toStatus);
    if (isPaused && since === null) since = e.at;
    else if (!isPaused && since !== null) {
      out.push({ from: since, to: e.at });
      since = null;
    }
  }
  if (since !== null) out.push({ from: since, to: null });
  return out;
}
