'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import { ticketPriorities, type TicketPriority } from '@/lib/config/enums';
import type { SlaMode, Weekday } from '@/lib/config/sla';
import type { TicketSettings } from '@/lib/validation/tickets';
import { updateTicketSettingsAction } from '../actions';

const dayNames: Record<Weekday, string> = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' };
const order: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const hours = (minutes: number) => String(+(minutes / 60).toFixed(2));
const rangesText = (r: readonly (readonly [string, string])[] | undefined) => (r ?? []).map(([a, b]) => `${a}-${b}`).join(', ');

/**
 * Auto-close, the SLA targets per priority (hours, in business or calendar hours) and the
 * business hours they count in: a time zone, opening hours per weekday ("09:00-17:00", several
 * separated by commas, empty for closed), and holidays (one date per line).
 */
export function TicketSettingsForm({ slug, settings, readOnly }: { slug: string; settings: TicketSettings; readOnly: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const submit = async (form: FormData) => {
    setError(null);
    const num = (name: string) => Number(String(form.get(name) ?? '').replace(',', '.'));
    const slaPolicy = Object.fromEntries(
      ticketPriorities.map((p) => [
        p,
        {
          firstResponse: { minutes: Math.round(num(`${p}.first`) * 60), mode: String(form.get(`${p}.firstMode`)) as SlaMode },
          resolution: { minutes: Math.round(num(`${p}.resolve`) * 60), mode: String(form.get(`${p}.resolveMode`)) as SlaMode },
        },
      ]),
    ) as TicketSettings['slaPolicy'];
    const open = Object.fromEntries(
      order.map((d) => [
        d,
        String(form.get(`hours.${d}`) ?? '')
          .split(',')
          .map((r) => r.trim())
          .filter(Boolean)
          .map((r) => r.split('-').map((x) => x.trim()) as [string, string]),
      ]),
    );
    const holidays = String(form.get('holidays') ?? '')
      .split(/[\s,]+/)
      .filter(Boolean);
    setPending(true);
    const result = await updateTicketSettingsAction(slug, {
      categories: String(form.get('categories') ?? '')
        .split(/[\s,]+/)
        .filter(Boolean),
      autoCloseHours: num('autoCloseHours'),
      slaPolicy,
      businessCalendar: { timeZone: String(form.get('timeZone') ?? '').trim(), hours: open, holidays },
    });
    setPending(false);
    if (!result.ok) {
      const first = Object.entries(result.fieldErrors ?? {})[0];
      return setError(first ? `${first[0]}: ${first[1][0]}` : result.error.message);
    }
    toast.success('Ticket settings saved.');
    router.refresh();
  };

  const targetRow = (p: TicketPriority) => {
    const t = settings.slaPolicy[p];
    return (
      <tr key={p} className="border-t">
        <th scope="row" className="py-2 pr-4 text-left font-medium capitalize">
          {p}
        </th>
        {(
          [
            ['first', 'firstMode', t.firstResponse, 'first response'],
            ['resolve', 'resolveMode', t.resolution, 'resolution'],
          ] as const
        ).map(([key, modeKey, target, what]) => (
          <td key={key} className="py-2 pr-4">
            <span className="flex items-center gap-2">
              <Input name={`${p}.${key}`} type="number" min={0.25} step={0.25} defaultValue={hours(target.minutes)} aria-label={`${p} ${what} target (hours)`} className="w-24" />
              <NativeSelect name={`${p}.${modeKey}`} defaultValue={target.mode} aria-label={`${p} ${what} counted in`} className="h-9">
                <option value="business">business hours</option>
                <option value="calendar">calendar hours</option>
              </NativeSelect>
            </span>
          </td>
        ))}
      </tr>
    );
  };

  return (
    <form action={submit} aria-label="Ticket settings" className="flex max-w-3xl flex-col gap-5">
      {error && <Alert variant="destructive">{error}</Alert>}
      <fieldset disabled={readOnly} className="flex flex-col gap-5">
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="categories">Categories</Label>
          <Input id="categories" name="categories" defaultValue={settings.categories.join(', ')} aria-describedby="categories-hint" />
          <p id="categories-hint" className="text-xs text-muted-foreground">
            Comma-separated, lower-case with underscores. <code>network_outage</code> is always there besides: its tickets carry an outage&apos;s start and end, the source of uptime.
          </p>
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="autoCloseHours">Close resolved tickets after (hours)</Label>
          <Input id="autoCloseHours" name="autoCloseHours" type="number" min={1} max={672} defaultValue={settings.autoCloseHours} className="max-w-32" aria-describedby="autoCloseHours-hint" />
          <p id="autoCloseHours-hint" className="text-xs text-muted-foreground">
            1 hour to 28 days (672). A reply from the requester before then reopens the ticket.
          </p>
        </div>
        <div>
          <h3 className="mb-1 text-sm font-medium">SLA targets</h3>
          <p className="mb-2 text-xs text-muted-foreground">Hours from opening; time a ticket spends pending or on hold does not count. A business day is 8 business hours.</p>
          <table className="text-sm" aria-label="SLA targets per priority">
            <thead>
              <tr>
                <th scope="col" className="pr-4 text-left font-normal text-muted-foreground">
                  Priority
                </th>
                <th scope="col" className="pr-4 text-left font-normal text-muted-foreground">
                  First response
                </th>
                <th scope="col" className="pr-4 text-left font-normal text-muted-foreground">
                  Resolution
                </th>
              </tr>
            </thead>
            <tbody>{[...ticketPriorities].reverse().map(targetRow)}</tbody>
          </table>
        </div>
        <div className="grid gap-3 sm:grid-cols-2">
          <div className="flex flex-col gap-1.5 sm:col-span-2">
            <Label htmlFor="timeZone">Time zone of the business hours</Label>
            <Input id="timeZone" name="timeZone" defaultValue={settings.businessCalendar.timeZone} className="max-w-64" aria-describedby="timeZone-hint" />
            <p id="timeZone-hint" className="text-xs text-muted-foreground">
              An IANA name: Europe/Berlin, America/New_York, UTC.
            </p>
          </div>
          {order.map((d) => (
            <div key={d} className="flex flex-col gap-1.5">
              <Label htmlFor={`hours.${d}`}>{dayNames[d]}</Label>
              <Input id={`hours.${d}`} name={`hours.${d}`} defaultValue={rangesText(settings.businessCalendar.hours[d])} placeholder="closed" />
            </div>
          ))}
          <div className="flex flex-col gap-1.5 sm:col-span-2">
            <Label htmlFor="holidays">Holidays (one date per line, YYYY-MM-DD)</Label>
            <textarea id="holidays" name="holidays" rows={3} defaultValue={settings.businessCalendar.holidays.join('\n')} className="max-w-64 rounded-md border bg-background px-3 py-2 text-sm" />
          </div>
        </div>
      </fieldset>
      {!readOnly && (
        <div>
          <Button type="submit" disabled={pending}>
            Save ticket settings
          </Button>
        </div>
      )}
    </form>
  );
}
