import { newPasswordSchema } from './account';
import { z } from './zod';
import { slugSchema } from './auth';
import { cursorSchema, idSchema, limitSchema, sensibleDate } from './common';

export const listTenantsSchema = z.object({
  search: z.string().trim().max(100).optional(),
  status: z.enum(['active', 'stopped']).optional(),
  cursor: cursorSchema,
  limit: limitSchema,
});
export type ListTenantsInput = z.input<typeof listTenantsSchema>;

/** An optional form field: an empty (or blank) input means "not given". */
const blankable = <T extends z.ZodType<string>>(schema: T) => z.literal('').transform(() => undefined).or(schema.optional());
/** An optional field on edit: absent keeps it, an empty input or null clears it. */
const clearable = <T extends z.ZodType<string>>(schema: T) => z.literal('').transform(() => null).or(schema.nullable().optional());

const base = {
  legalName: z.string().trim().min(1).max(200),
  contactEmail: z.email('Enter a valid email.').max(320),
  country: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z]{2}$/, 'Use a two-letter country code (ISO 3166).'),
};

const tenantFields = {
  name: z.string().trim().min(2, 'Enter the business name.').max(120),
  legalName: blankable(base.legalName),
  contactEmail: blankable(base.contactEmail),
  country: blankable(base.country),
  onboardedOn: blankable(z.iso.date('Use a date like 2026-11-22.').refine(sensibleDate, 'Use a date between the years 2000 and 2999.')),
};

/** Slugs a tenant can never take: `/t/all/...` is the All-tenants view of partner staff. */
export const reservedSlugs = ['all'] as const;

export const registerTenantSchema = z.object({
  slug: slugSchema.refine((s) => !(reservedSlugs as readonly string[]).includes(s), 'That slug is reserved (/t/all is the All-tenants view).'),
  ...tenantFields,
  adminEmail: z.email('Enter the first admin’s email.').max(320),
});
export type RegisterTenantInput = z.input<typeof registerTenantSchema>;

export const updateTenantSchema = z
  .object({
    id: idSchema,
    ...tenantFields,
    legalName: clearable(base.legalName),
    contactEmail: clearable(base.contactEmail),
    country: clearable(base.country),
  })
  .partial({ name: true });
export type UpdateTenantInput = z.input<typeof updateTenantSchema>;

export const setPasswordSchema = z
  .object({
    token: z.string().min(20).max(200),
    password: newPasswordSchema,
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { message: 'The passwords do not match.', path: ['confirm'] });
export type SetPasswordInput = z.input<typeof setPasswordSchema>;

export type TenantRegistryDto = {
  id: string;
  slug: string;
  /** 4 digits, unique on the platform: the documents' API's `provider_id`. */
  providerCode: string;
  name: string;
  legalName: string | null;
  contactEmail: string | null;
  country: string | null;
  status: 'active' | 'stopped';
  onboardedOn: string;
  /** When it was last stopped; its data may be deleted 30 days later (offboarding). */
  stoppedAt: string | null;
  /** When its data was deleted (the registry entry and its audit trail stay). */
  deletedAt: string | null;
  users: number;
  liveLinks: number;
};
