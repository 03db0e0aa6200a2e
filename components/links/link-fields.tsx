import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { linkAccessRoleLabels, linkAccessRoles, type LinkAccessRole } from '@/lib/config/enums';
import { NativeSelect } from '@/components/ui/native-select';

const priorities = ['urgent', 'high', 'normal', 'low'] as const;
type Priority = (typeof priorities)[number];

function Field({ id, label, ...input }: { id: string; label: string } & React.ComponentProps<'input'>) {
  return (
    <div className="flex flex-col gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      <Input id={id} name={id} {...input} />
    </div>
  );
}

/**
 * Every link form asks the same: the managed tenant, the access role, the period, permission
 * denies, and the service terms (SLA hours per ticket priority, uptime target, alerts).
 */
export function LinkFields({ slugLabel }: { slugLabel: string }) {
  return (
    <>
      <Field id="managedSlug" label={slugLabel} required />
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="accessRole">Access role</Label>
        <NativeSelect id="accessRole" name="accessRole" defaultValue="msp_support" options={linkAccessRoles} labelOf={(role) => linkAccessRoleLabels[role as LinkAccessRole]} />
      </div>
      <Field id="startsAt" label="Starts (optional, default now)" type="date" />
      <Field id="endsAt" label="Ends (optional)" type="date" />
      <div className="flex flex-col gap-1.5 md:col-span-2">
        <Label htmlFor="denies">Deny (permissions, comma-separated)</Label>
        <Input id="denies" name="denies" placeholder="billing.invoices.export" />
      </div>
      <details className="rounded-md border p-3 md:col-span-4">
        <summary className="cursor-pointer text-sm font-medium">Service terms: SLA and alerts</summary>
        <div className="mt-3 grid gap-3 md:grid-cols-4">
          {priorities.map((p) => (
            <Field key={`r-${p}`} id={`response-${p}`} label={`Response, ${p} (hours)`} type="number" min={1} max={2160} />
          ))}
          {priorities.map((p) => (
            <Field key={`s-${p}`} id={`resolution-${p}`} label={`Resolution, ${p} (hours)`} type="number" min={1} max={2160} />
          ))}
          <Field id="uptimeTarget" label="Uptime target (%)" type="number" min={90} max={100} step="0.01" />
          <Field id="billingThresholdMinor" label="Billing alert threshold (minor units)" type="number" min={0} />
          <label className="flex items-center gap-2 self-end text-sm">
            <input type="checkbox" name="notifyOnSlaBreach" defaultChecked /> Alert on SLA breach
          </label>
          <label className="flex items-center gap-2 self-end text-sm">
            <input type="checkbox" name="notifyOnBillingThreshold" defaultChecked /> Alert on billing threshold
          </label>
        </div>
      </details>
    </>
  );
}

const dayStart = (v: FormDataEntryValue | null) => (v ? new Date(`${String(v)}T00:00:00Z`).toISOString() : undefined);
const optionalNumber = (v: FormDataEntryValue | null) => (v === null || String(v).trim() === '' ? undefined : Number(v));

function hoursByPriority(form: FormData, prefix: string): Partial<Record<Priority, number>> {
  const out: Partial<Record<Priority, number>> = {};
  for (const p of priorities) {
    const hours = optionalNumber(form.get(`${prefix}-${p}`));
    if (hours !== undefined) out[p] = hours;
  }
  return out;
}

/** Reads LinkFields back into a link request; dates mean midnight UTC at the start of that day. */
export function readLinkFields(form: FormData) {
  const denies = String(form.get('denies') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    managedSlug: String(form.get('managedSlug') ?? ''),
    accessRole: String(form.get('accessRole')) as LinkAccessRole,
    startsAt: dayStart(form.get('startsAt')),
    endsAt: dayStart(form.get('endsAt')) ?? null,
    customPermissions: Object.fromEntries(denies.map((p) => [p, false])),
    slaConfig: {
      responseHours: hoursByPriority(form, 'response'),
      resolutionHours: hoursByPriority(form, 'resolution'),
      uptimeTarget: optionalNumber(form.get('uptimeTarget')) ?? null,
    },
    alertConfig: {
      notifyOnSlaBreach: form.get('notifyOnSlaBreach') === 'on',
      notifyOnBillingThreshold: form.get('notifyOnBillingThreshold') === 'on',
      billingThresholdMinor: optionalNumber(form.get('billingThresholdMinor')) ?? null,
    },
  };
}
