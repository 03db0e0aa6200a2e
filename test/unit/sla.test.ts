import { describe, expect, it } from 'vitest';
import { defaultCalendar, dueAt, isTimeZone, openSpans, timerState, workingMinutes, type BusinessCalendar, type Pause, type SlaMode } from '@/lib/config/sla';

const at = (iso: string) => new Date(iso);
const weekdays9to5 = (timeZone: string, holidays: string[] = []): BusinessCalendar => ({ ...defaultCalendar, timeZone, holidays });
const pause = (from: string, to: string | null): Pause => ({ from: at(from), to: to ? at(to) : null });

// 2026-12-07 is a Monday; every instant is UTC unless the calendar says otherwise.
const cases: { name: string; start: string; minutes: number; mode?: SlaMode; calendar?: BusinessCalendar; pauses?: Pause[]; due: string | null }[] = [
  { name: 'within the day', start: '2026-12-07T10:00:00Z', minutes: 60, due: '2026-12-07T11:00:00Z' },
  { name: '8 business hours roll into the next morning', start: '2026-12-07T10:00:00Z', minutes: 480, due: '2026-12-08T10:00:00Z' },
  { name: 'over the weekend', start: '2026-12-11T16:00:00Z', minutes: 240, due: '2026-12-14T12:00:00Z' },
  { name: 'opened on a Saturday: the clock starts on Monday', start: '2026-12-12T10:00:00Z', minutes: 60, due: '2026-12-14T10:00:00Z' },
  { name: 'opened before the doors open', start: '2026-12-07T07:00:00Z', minutes: 60, due: '2026-12-07T10:00:00Z' },
  { name: 'opened at closing time', start: '2026-12-07T17:00:00Z', minutes: 1, due: '2026-12-08T09:01:00Z' },
  { name: 'a holiday is skipped', start: '2026-12-07T16:00:00Z', minutes: 120, calendar: weekdays9to5('UTC', ['2026-12-08']), due: '2026-12-09T10:00:00Z' },
  { name: 'calendar hours ignore the weekend', start: '2026-12-11T16:00:00Z', minutes: 240, mode: 'calendar', due: '2026-12-11T20:00:00Z' },
  { name: 'a pause moves the due time by its working length', start: '2026-12-07T10:00:00Z', minutes: 240, pauses: [pause('2026-12-07T11:00:00Z', '2026-12-07T13:00:00Z')], due: '2026-12-07T16:00:00Z' },
  { name: 'a pause outside the hours changes nothing', start: '2026-12-07T16:00:00Z', minutes: 120, pauses: [pause('2026-12-07T18:00:00Z', '2026-12-08T08:00:00Z')], due: '2026-12-08T10:00:00Z' },
  { name: 'paused now: no due time', start: '2026-12-07T10:00:00Z', minutes: 240, pauses: [pause('2026-12-07T11:00:00Z', null)], due: null },
  { name: 'paused now, but the target was reached before', start: '2026-12-07T10:00:00Z', minutes: 30, pauses: [pause('2026-12-07T11:00:00Z', null)], due: '2026-12-07T10:30:00Z' },
  { name: 'calendar hours pause too', start: '2026-12-07T10:00:00Z', minutes: 60, mode: 'calendar', pauses: [pause('2026-12-07T10:30:00Z', '2026-12-07T12:00:00Z')], due: '2026-12-07T12:30:00Z' },
  // Berlin: summer time starts on Sunday 2026-03-29 and ends on Sunday 2026-10-25.
  { name: 'Berlin, over the spring change', start: '2026-03-27T15:00:00Z', minutes: 120, calendar: weekdays9to5('Europe/Berlin'), due: '2026-03-30T08:00:00Z' },
  { name: 'Berlin, over the autumn change', start: '2026-10-23T14:00:00Z', minutes: 120, calendar: weekdays9to5('Europe/Berlin'), due: '2026-10-26T09:00:00Z' },
  { name: 'Kolkata, half-hour offset', start: '2026-12-07T00:00:00Z', minutes: 60, calendar: weekdays9to5('Asia/Kolkata'), due: '2026-12-07T04:30:00Z' },
  {
    name: 'a lunch break splits the day',
    start: '2026-12-07T11:00:00Z',
    minutes: 120,
    calendar: { timeZone: 'UTC', hours: { mon: [['09:00', '12:00'], ['13:00', '17:00']] }, holidays: [] },
    due: '2026-12-07T14:00:00Z',
  },
  {
    name: 'an evening shift to midnight, once a week',
    start: '2026-12-12T22:00:00Z',
    minutes: 150,
    calendar: { timeZone: 'Europe/Berlin', hours: { sat: [['20:00', '24:00']] }, holidays: [] },
    due: '2026-12-19T20:30:00Z',
  },
];

describe('SLA due times', () => {
  it.each(cases)('$name', ({ start, minutes, mode = 'business', calendar = defaultCalendar, pauses = [], due }) => {
    const result = dueAt(at(start), minutes, { mode, calendar, pauses });
    expect(result?.toISOString().replace('.000Z', 'Z') ?? null).toBe(due);
    // The working minutes from the start to the due time are the target, whatever the calendar.
    if (result) expect(workingMinutes(at(start), result, { mode, calendar, pauses })).toBe(minutes);
  });

  it('refuses a calendar that never opens, and times that are no times', () => {
    expect(() => dueAt(at('2026-12-07T10:00:00Z'), 60, { mode: 'business', calendar: { timeZone: 'UTC', hours: {}, holidays: [] } })).toThrow(RangeError);
    expect(() => openSpans({ timeZone: 'UTC', hours: { mon: [['9:00', '17:00']] }, holidays: [] }, Date.parse('2026-12-07T00:00:00Z'), Date.parse('2026-12-08T00:00:00Z'))).toThrow(RangeError);
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
  });

  it('counts the working minutes a ticket has had, pauses left out', () => {
    const opts = { mode: 'business' as const, calendar: defaultCalendar };
    expect(workingMinutes(at('2026-12-11T16:00:00Z'), at('2026-12-14T10:00:00Z'), opts)).toBe(120);
    expect(workingMinutes(at('2026-12-11T16:00:00Z'), at('2026-12-14T10:00:00Z'), { ...opts, pauses: [pause('2026-12-11T16:30:00Z', '2026-12-14T09:30:00Z')] })).toBe(60);
    expect(workingMinutes(at('2026-12-14T10:00:00Z'), at('2026-12-11T16:00:00Z'), opts)).toBe(0);
  });
});

describe('SLA timer states', () => {
  // An urgent ticket: first response within 1 calendar hour.
  const urgent = { start: at('2026-12-07T10:00:00Z'), targetMinutes: 60, mode: 'calendar' as const, calendar: defaultCalendar };
  it.each([
    { name: 'running', now: '2026-12-07T10:30:00Z', state: 'running' },
    { name: 'at risk after 80 % of the target', now: '2026-12-07T10:50:00Z', state: 'at_risk' },
    { name: 'breached past the due time', now: '2026-12-07T11:01:00Z', state: 'breached' },
    { name: 'paused while waiting on the customer', now: '2026-12-07T12:00:00Z', pauses: [pause('2026-12-07T10:30:00Z', null)], state: 'paused' },
    { name: 'breached before the pause stays breached', now: '2026-12-07T12:00:00Z', pauses: [pause('2026-12-07T11:30:00Z', null)], state: 'breached' },
    { name: 'met in time', now: '2026-12-07T15:00:00Z', fulfilledAt: '2026-12-07T10:40:00Z', state: 'met' },
    { name: 'fulfilled late is a breach', now: '2026-12-07T15:00:00Z', fulfilledAt: '2026-12-07T11:10:00Z', state: 'breached' },
  ])('$name', ({ now, pauses, fulfilledAt, state }) => {
    const t = timerState({ ...urgent, now: at(now), pauses, fulfilledAt: fulfilledAt ? at(fulfilledAt) : null });
    expect(t.state).toBe(state);
  });

  it('says when it falls due and how much is used', () => {
    expect(timerState({ ...urgent, now: at('2026-12-07T10:45:00Z') })).toEqual({ state: 'running', dueAt: at('2026-12-07T11:00:00Z'), usedMinutes: 45 });
  });
});
