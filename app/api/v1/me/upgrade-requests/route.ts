import { apiRoute } from '@/lib/api/route';
import { requestUpgrade } from '@/lib/data/upgrades';
import { upgradeRequestSchema } from '@/lib/validation/account';

/** Asks to move up one type; the tenant's policy decides what happens (201 with the outcome). */
export const POST = apiRoute({ permission: 'account.kyc', body: upgradeRequestSchema }, async ({ ctx, body }) => Response.json(await requestUpgrade(ctx, body), { status: 201 }));
