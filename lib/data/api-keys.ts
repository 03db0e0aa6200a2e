import 'server-only';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { apiKeys } from '@/db/schema';
import { keyPrefixOf, newApiKey } from '@/lib/auth/api-key';
import { AppError, notFound } from '@/lib/errors';
import { assertCan, type Permission } from '@/lib/rbac';
import { actorLabelOf, type RequestContext } from '@/lib/tenancy/context';
import { apiKeyIdSchema, createApiKeySchema, type ApiKeyDto, type ApiKeyStatus, type CreateApiKeyInput, type CreatedApiKeyDto } from '@/lib/validation/api-keys';
import { recordAudit } from './audit';
import { withTenant, type Tx } from './tx';

// API keys belong to the tenant of the user who made them and act as that user, with what both
// the key and the user hold at the time of each call (lib/data/context.ts). Holders of
// api_keys.manage see and revoke every key of their tenant and make keys for themselves, with
// permissions they hold at home. Keys are managed at home and signed in: never through a link
// (a partner's staff have no user in the managed tenant) and never with a key (a leaked key
// cannot mint another).

const MANAGE: Permission = 'api_keys.manage';

function assertManages(ctx: RequestContext) {
  assertCan(ctx, MANAGE);
  if (ctx.via !== 'home') throw new AppError('FORBIDDEN', 'API keys are managed in your own tenant.', { permission: MANAGE });
  if (ctx.apiKey) throw new AppError('FORBIDDEN', 'API keys are made and revoked signed in to the portal, not with an API key.', { permission: MANAGE });
}

const columns = {
  id: apiKeys.id,
  name: apiKeys.name,
  permissions: apiKeys.permissions,
  userId: apiKeys.userId,
  createdBy: apiKeys.createdByLabel,
  createdAt: apiKeys.createdAt,
  expiresAt: apiKeys.expiresAt,
  lastUsedAt: apiKeys.lastUsedAt,
  lastUsedIp: sql<string | null>`host(${apiKeys.lastUsedIp})`,
  revokedAt: apiKeys.revokedAt,
  revokedBy: apiKeys.revokedByLabel,
};
type Row = { [K in keyof typeof columns]: K extends 'lastUsedIp' ? string | null : (typeof apiKeys.$inferSelect)[K extends 'createdBy' ? 'createdByLabel' : K extends 'revokedBy' ? 'revokedByLabel' : K] };

function toDto(ctx: RequestContext, r: Row, now = Date.now()): ApiKeyDto {
  const status: ApiKeyStatus = r.revokedAt ? 'revoked' : r.expiresAt && r.expiresAt.getTime() <= now ? 'expired' : 'active';
  return {
    id: r.id,
    name: r.name,
    prefix: keyPrefixOf(r.id),
    permissions: r.permissions as Permission[],
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt?.toISOString() ?? null,
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    lastUsedIp: r.lastUsedIp,
    status,
    revokedAt: r.revokedAt?.toISOString() ?? null,
    revokedBy: r.revokedBy,
    mine: r.userId === ctx.user.id,
  };
}

/** Every key of the tenant, newest first (revoked ones stay as the record). */
export async function listApiKeys(ctx: RequestContext): Promise<ApiKeyDto[]> {
  assertManages(ctx);
  return withTenant(ctx, async (tx) => {
    const rows = await tx.select(columns).from(apiKeys).where(eq(apiKeys.tenantId, ctx.activeTenant.id)).orderBy(desc(apiKeys.createdAt), desc(apiKeys.id)).limit(500);
    return rows.map((r) => toDto(ctx, r));
  });
}

/** A key for the caller; the token is in this answer and nowhere else, ever. */
export async function createApiKey(ctx: RequestContext, input: CreateApiKeyInput): Promise<CreatedApiKeyDto> {
  assertManages(ctx);
  const { name, permissions, expiresOn } = createApiKeySchema.parse(input);
  const notHeld = permissions.filter((p) => !ctx.homePermissions.has(p));
  if (notHeld.length > 0) {
    throw new AppError('VALIDATION_ERROR', 'A key can only hold permissions you hold yourself.', { fieldErrors: { permissions: [`You do not hold ${notHeld.join(', ')}.`] }, permissions: notHeld });
  }
  const made = newApiKey();
  return withTenant(ctx, async (tx) => {
    const [row] = await tx
      .insert(apiKeys)
      .values({
        tenantId: ctx.activeTenant.id,
        id: made.id,
        name,
        secretHash: made.secretHash,
        permissions,
        userId: ctx.user.id,
        createdByLabel: actorLabelOf(ctx),
        expiresAt: expiresOn ? new Date(`${expiresOn}T00:00:00Z`) : null,
      })
      .returning(columns);
    await recordAudit(tx, ctx, { action: 'api_key.created', resourceType: 'api_key', resourceId: made.id, details: { name, permissions, expiresOn: expiresOn ?? null } });
    return { key: toDto(ctx, row!), token: made.token };
  });
}

/** Revoked at once: the next call with it is refused. Revoking a revoked key changes nothing. */
export async function revokeApiKey(ctx: RequestContext, input: { id: string }): Promise<ApiKeyDto> {
  assertManages(ctx);
  const { id } = apiKeyIdSchema.parse(input);
  return withTenant(ctx, async (tx) => {
    const [row] = await tx
      .update(apiKeys)
      .set({ revokedAt: sql`now()`, revokedByLabel: actorLabelOf(ctx) })
      .where(and(eq(apiKeys.tenantId, ctx.activeTenant.id), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
      .returning(columns);
    if (!row) return toDto(ctx, await existing(tx, ctx, id));
    await recordAudit(tx, ctx, { action: 'api_key.revoked', resourceType: 'api_key', resourceId: id, details: { name: row.name } });
    return toDto(ctx, row);
  });
}

async function existing(tx: Tx, ctx: RequestContext, id: string): Promise<Row> {
  const [row] = await tx.select(columns).from(apiKeys).where(and(eq(apiKeys.tenantId, ctx.activeTenant.id), eq(apiKeys.id, id)));
  if (!row) throw notFound('API key');
  return row;
}
