import { z } from './zod';
import { platformPermissions, tenantPermissions, partnerPermissions, type Permission } from '@/lib/config/permissions';
import { idSchema } from './common';

const keyable = [...tenantPermissions, ...partnerPermissions, ...platformPermissions] as readonly Permission[];
const nameSchema = z.string().trim().min(1, 'Name the key (what uses it).').max(80, 'Use at most 80 characters.');

/** A new key: its name, what it may do (a subset of the creator's own permissions) and, optionally, when it ends. */
export const createApiKeySchema = z.object({
  name: nameSchema,
  permissions: z
    .array(z.enum(keyable as [Permission, ...Permission[]], { message: 'Not a permission an API key can hold.' }))
    .min(1, 'Pick at least one permission.')
    .max(keyable.length)
    .transform((p) => [...new Set(p)].sort()),
  /** An ISO date (YYYY-MM-DD), tomorrow or later and within two years; the key stops at the start of that day (UTC). */
  expiresOn: z.iso
    .date({ message: 'The expiry is a date (YYYY-MM-DD).' })
    .refine((d) => Date.parse(`${d}T00:00:00Z`) > Date.now(), 'The expiry must be a future date.')
    .refine((d) => Date.parse(`${d}T00:00:00Z`) <= Date.now() + 2 * 366 * 86_400_000, 'A key expires within two years.')
    .nullish(),
});
export type CreateApiKeyInput = z.input<typeof createApiKeySchema>;

export const apiKeyIdSchema = z.object({ id: idSchema });

export type ApiKeyStatus = 'active' | 'expired' | 'revoked';
export type ApiKeyDto = {
  id: string;
  name: string;
  /** `pp_live_` and the id's first 8 digits: enough to recognise a key, never its secret. */
  prefix: string;
  permissions: Permission[];
  createdBy: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  lastUsedIp: string | null;
  status: ApiKeyStatus;
  revokedAt: string | null;
  revokedBy: string | null;
  mine: boolean;
};
/** The one answer that carries the secret: at creation, never again. */
export type CreatedApiKeyDto = { key: ApiKeyDto; token: string };
