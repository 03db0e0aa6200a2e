import { z } from './zod';
import { linkAccessRoles } from '@/lib/config/enums';
import { tenantPermissions } from '@/lib/config/permissions';
import { slugSchema } from './auth';
import { idSchema, sensibleDate } from './common';

const priorities = ['low', 'normal', 'high', 'urgent'] as const;
const hours = z.number().int().min(1).max(24 * 90);

export const slaConfigSchema = z.object({
  responseHours: z.partialRecord(z.enum(priorities), hours).default({}),
  resolutionHours: z.partialRecord(z.enum(priorities), hours).default({}),
  uptimeTarget: z.number().min(90).max(100).nullable().default(null),
});

export const alertConfigSchema = z.object({
  notifyOnSlaBreach: z.boolean().default(true),
  notifyOnBillingThreshold: z.boolean().default(true),
  billingThresholdMinor: z.number().int().min(0).nullable().default(null),
});

const linkFields = {
    managedSlug: slugSchema,
    accessRole: z.enum(linkAccessRoles),
    startsAt: z.iso.datetime({ offset: true }).refine(sensibleDate, 'Use a date between the years 2000 and 2999.').optional(),
    endsAt: z.iso.datetime({ offset: true }).refine(sensibleDate, 'Use a date between the years 2000 and 2999.').nullable().optional(),
    // Full tenant permission names; false denies what the role would grant, true grants (delegate only).
    customPermissions: z.partialRecord(z.enum(tenantPermissions), z.boolean()).default({}),
    slaConfig: slaConfigSchema.default({ responseHours: {}, resolutionHours: {}, uptimeTarget: null }),
    alertConfig: alertConfigSchema.default({ notifyOnSlaBreach: true, notifyOnBillingThreshold: true, billingThresholdMinor: null }),
    notes: z.string().trim().max(1000).optional(),
};
const endsAfterStarts = {
  check: (v: { startsAt?: string; endsAt?: string | null }) => !v.endsAt || !v.startsAt || new Date(v.endsAt) > new Date(v.startsAt),
  message: { message: 'The link must end after it starts.', path: ['endsAt'] },
};

/** A partner admin's request; the managed tenant's admin answers it. */
export const requestLinkSchema = z.object(linkFields).refine(endsAfterStarts.check, endsAfterStarts.message);
export type RequestLinkInput = z.input<typeof requestLinkSchema>;

/** A platform operator's direct link (the partner is the tenant in the URL). */
export const createLinkSchema = requestLinkSchema;
export type CreateLinkInput = RequestLinkInput;

export const linkIdSchema = z.object({ id: idSchema });
export const decideLinkSchema = z.object({ id: idSchema, decision: z.enum(['approve', 'reject']) });

export type LinkDto = {
  id: string;
  direction: 'outgoing' | 'incoming';
  partner: { id: string; slug: string; name: string };
  managed: { id: string; slug: string; name: string };
  accessRole: (typeof linkAccessRoles)[number];
  status: 'requested' | 'active' | 'rejected' | 'revoked';
  state: string;
  startsAt: string;
  endsAt: string | null;
  createdAt: string;
  customPermissions: Record<string, boolean>;
  /** What the link lets the partner do in the managed tenant (before the staff's own roles). */
  grants: string[];
  slaConfig: z.output<typeof slaConfigSchema>;
  alertConfig: z.output<typeof alertConfigSchema>;
  notes: string | null;
};
