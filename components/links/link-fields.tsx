import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { linkAccessRoles, type LinkAccessRole } from '@/lib/rbac/link-roles';

/** The fields every link form asks for: the managed tenant's slug, the access role and an optional end date. */
export function LinkFields({ slugLabel }: { slugLabel: string }) {
  return (
    <>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="managedSlug">{slugLabel}</Label>
        <Input id="managedSlug" name="managedSlug" required />
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="accessRole">Access role</Label>
        <select id="accessRole" name="accessRole" defaultValue="msp_support" className="h-9 rounded-md border bg-background px-2 text-sm">
          {linkAccessRoles.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="endsAt">Ends (optional)</Label>
        <Input id="endsAt" name="endsAt" type="date" />
      </div>
    </>
  );
}

/** Reads LinkFields back; an end date means midnight UTC at the start of that day. */
export function readLinkFields(form: FormData): { managedSlug: string; accessRole: LinkAccessRole; endsAt: string | null } {
  const ends = String(form.get('endsAt') ?? '');
  return {
    managedSlug: String(form.get('managedSlug') ?? ''),
    accessRole: String(form.get('accessRole')) as LinkAccessRole,
    endsAt: ends ? new Date(`${ends}T00:00:00Z`).toISOString() : null,
  };
}
