'use client';

import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import { toast } from 'sonner';
import { Field } from '@/components/forms/field';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/native-select';
import { categoryLabels, channelLabels, notificationCategories, notificationChannels, type NotificationCategory, type NotificationChannel } from '@/lib/config/notifications';
import type { NotificationPreferencesDto } from '@/lib/validation/account';
import { updateNotificationPreferencesAction } from '../actions';

const hours = Array.from({ length: 24 }, (_, h) => h);

/** Per category: mail at once, the daily digest, or the portal only; and the digest's hour and time zone. */
export function NotificationPreferencesForm({ slug, preferences }: { slug: string; preferences: NotificationPreferencesDto }) {
  const router = useRouter();
  const [channels, setChannels] = useState(preferences.channels);
  const [digestHour, setDigestHour] = useState(preferences.digestHour);
  const [timeZone, setTimeZone] = useState(preferences.timeZone);
  const [digest, setDigest] = useState(preferences.digest);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [pending, setPending] = useState(false);
  const zones = useMemo(() => (typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC']), []);
  return (
    <form
      aria-label="Notification settings"
      className="flex flex-col gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        setPending(true);
        setError(null);
        setFieldErrors({});
        void updateNotificationPreferencesAction(slug, { channels, digestHour, timeZone, digest }).then((result) => {
          setPending(false);
          if (!result.ok) {
            setFieldErrors(result.fieldErrors ?? {});
            return setError(result.error.message);
          }
          toast.success('Notification settings saved.');
          router.refresh();
        });
      }}
    >
      {error && <Alert variant="destructive">{error}</Alert>}
      <table className="w-full max-w-2xl text-sm">
        <caption className="sr-only">How each kind of notice reaches you</caption>
        <thead>
          <tr className="text-left text-muted-foreground">
            <th scope="col" className="py-1 font-medium">
              Notices about
            </th>
            <th scope="col" className="py-1 font-medium">
              Reach me by
            </th>
          </tr>
        </thead>
        <tbody>
          {notificationCategories.map((c: NotificationCategory) => (
            <tr key={c} className="border-t">
              <th scope="row" className="py-2 pr-4 text-left font-normal">
                <span className="font-medium">{categoryLabels[c].label}</span>
                <span className="block text-xs text-muted-foreground">{categoryLabels[c].hint}</span>
              </th>
              <td className="py-2">
                <NativeSelect aria-label={`${categoryLabels[c].label}: reach me by`} value={channels[c]} onChange={(e) => setChannels({ ...channels, [c]: e.target.value as NotificationChannel })}>
                  {notificationChannels.map((ch) => (
                    <option key={ch} value={ch}>
                      {channelLabels[ch]}
                    </option>
                  ))}
                </NativeSelect>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="flex items-center gap-2 text-sm">
        <input id="digest-on" type="checkbox" className="size-4" checked={digest} onChange={(e) => setDigest(e.target.checked)} />
        <label htmlFor="digest-on">Send me the daily digest (one mail a day, only when there is something in it)</label>
      </div>
      <div className="flex flex-wrap gap-4">
        <Field id="digest-hour" label="Digest hour" error={fieldErrors.digestHour?.[0]}>
          <NativeSelect id="digest-hour" value={digestHour} onChange={(e) => setDigestHour(Number(e.target.value))} disabled={!digest}>
            {hours.map((h) => (
              <option key={h} value={h}>
                {String(h).padStart(2, '0')}:00
              </option>
            ))}
          </NativeSelect>
        </Field>
        <Field id="time-zone" label="Time zone" error={fieldErrors.timeZone?.[0]}>
          <Input id="time-zone" list="time-zones" value={timeZone} onChange={(e) => setTimeZone(e.target.value)} className="w-64" />
          <datalist id="time-zones">
            {zones.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
        </Field>
      </div>
      <div>
        <Button type="submit" disabled={pending}>
          Save notification settings
        </Button>
      </div>
    </form>
  );
}
