import 'server-only';
import { emitEvent } from './webhook-events';
import { and, eq, sql } from 'drizzle-orm';
import { roles, tenants, userRoles, users } from '@/db/schema';
import { hashPassword } from '@/lib/auth/password';
import { AppError } from '@/lib/errors';
import type { RequestMeta } from '@/lib/tenancy/context';
import { signupSchema, type SignupInput } from '@/lib/validation/account';
import { issueVerification } from '../account';
import { recordTenantAudit } from '../audit';
import { appDb } from '../db';
import { readEndUserSettings } from '../end-user-settings';
import { pgErrorCode } from '../pg';
import { bucketArrays, type BucketHit } from './rate-limit';
import { queueMail } from './notify';
import { unsafeRedeemToken } from './password-tokens';
import { inTenantScope } from '../tx';

// Unscoped by design: sign-up and address confirmation happen before there is a session.

/** Sign-ups per client IP and per tenant, each in an hour. */
export const SIGNUP_LIMITS = { perIp: 20, perTenant: 300, windowSeconds: 3600 } as const;

export const SIGNUP_ACCEPTED = 'Check your inbox: we sent a link to confirm your email. It works for 24 hours.';

/**
 * Self sign-up. The answer is the same whether or not the email already has an account here
 * (the owner of a taken address is told by mail instead), and the same work is done either way
 * (the password is hashed in both), so nobody can probe which accounts exist. Throttled per IP
 * and per tenant; refused when the tenant has turned self sign-up off.
 */
export async function unsafeSignUp(input: SignupInput, meta: RequestMeta): Promise<{ message: string }> {
  const data = signupSchema.parse(input);
  const [tenant] = await appDb()
    .select({ id: tenants.id, slug: tenants.slug, name: tenants.name, status: tenants.status, isPlatform: tenants.isPlatform })
    .from(tenants)
    .where(eq(tenants.slug, data.tenant));
  if (!tenant || tenant.status !== 'active' || tenant.isPlatform) throw closed();
  await throttle(tenant.id, meta);
  const passwordHash = await hashPassword(data.password);
  const email = data.email.toLowerCase();
  try {
    await inTenantScope({ tenantId: tenant.id }, async (tx) => {
      const settings = await readEndUserSettings(tx, tenant.id);
      if (!settings.selfSignup) throw closed(tenant.name);
      const audit = { tenantId: tenant.id, actorUserId: null, actorTenantId: null, actorLabel: email, via: 'system' as const, requestId: meta.requestId, ip: meta.ip, userAgent: meta.userAgent };
      const [existing] = await tx.select({ id: users.id }).from(users).where(and(eq(users.tenantId, tenant.id), sql`lower(${users.email}) = ${email}`));
      if (existing) {
        await queueMail(tx, {
          tenantId: tenant.id,
          to: email,
          subject: `${tenant.name}: someone tried to sign up with your address`,
          body: `Someone tried to create a ${tenant.name} account with this address, which already has one. If it was you, sign in at /t/${tenant.slug}/login. If not, you can ignore this mail.`,
        });
        await recordTenantAudit(tx, { ...audit, action: 'auth.signup_existing', resourceType: 'user', resourceId: existing.id, outcome: 'denied' });
        return;
      }
      const [user] = await tx
        .insert(users)
        .values({ tenantId: tenant.id, email: data.email, name: data.name, type: 'guest', status: 'active', passwordHash, emailVerifiedAt: null })
        .returning({ id: users.id });
      const [guestRole] = await tx.select({ id: roles.id }).from(roles).where(and(eq(roles.tenantId, tenant.id), eq(roles.key, 'guest'), eq(roles.builtIn, true)));
      if (guestRole) await tx.insert(userRoles).values({ tenantId: tenant.id, userId: user!.id, roleId: guestRole.id });
      await issueVerification(tx, { tenantId: tenant.id, userId: user!.id, email: data.email, tenantName: tenant.name, slug: tenant.slug });
      await recordTenantAudit(tx, { ...audit, actorUserId: user!.id, actorTenantId: tenant.id, action: 'auth.signup', resourceType: 'user', resourceId: user!.id });
      await emitEvent(tx, tenant.id, 'user.created', { user_id: user!.id, user_type: 'guest', source: 'signup' });
    });
  } catch (error) {
    // Two sign-ups with one address at once: the second is the "taken" case, answered the same.
    if (pgErrorCode(error) !== '23505') throw error;
  }
  return { message: SIGNUP_ACCEPTED };
}

const closed = (name?: string) =>
  new AppError('FORBIDDEN', name ? `${name} does not take sign-ups here. Ask them to create your account.` : 'This portal does not take sign-ups here.', { reason: 'signup_closed' });

async function throttle(tenantId: string, meta: RequestMeta): Promise<void> {
  const keys = [
    { key: `signup:ip:${meta.ip ?? 'unknown'}`, windowSeconds: SIGNUP_LIMITS.windowSeconds, limit: SIGNUP_LIMITS.perIp },
    { key: `signup:t:${tenantId}`, windowSeconds: SIGNUP_LIMITS.windowSeconds, limit: SIGNUP_LIMITS.perTenant },
  ];
  const arrays = bucketArrays(keys);
  const [row] = await appDb().execute<{ hits: BucketHit[] }>(sql`select portal_hit_buckets(${arrays.keys}::text[], ${arrays.windows}::int[]) as hits`);
  for (const k of keys) {
    const hit = row?.hits.find((h) => h.key === k.key);
    if (hit && hit.count > k.limit) {
      const retryAfterSeconds = Math.max(1, Math.ceil(hit.start + k.windowSeconds - hit.now));
      throw new AppError('RATE_LIMIT_EXCEEDED', `Too many sign-ups from here. Try again in ${Math.ceil(retryAfterSeconds / 60)} minutes.`, { retryAfterSeconds });
    }
  }
}

/**
 * Confirms an address with its one-time link: a sign-up's own, or a new address for an account.
 * Unknown, used and expired links fail alike.
 */
export async function unsafeVerifyEmail(input: { tenant: string; token: string }, meta: RequestMeta): Promise<{ email: string } | null> {
  try {
    return await unsafeRedeemToken(input, ['verify_email', 'change_email'], meta, async (tx, used, tenantId, audit) => {
      const [user] = await tx
        .update(users)
        .set({ emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())`, ...(used.newEmail ? { email: used.newEmail } : {}), updatedAt: sql`now()` })
        .where(and(eq(users.tenantId, tenantId), eq(users.id, used.userId)))
        .returning({ email: users.email });
      await audit(used.purpose === 'change_email' ? 'account.email_changed' : 'auth.email_verified', user?.email ?? null);
      return user ? { email: user.email } : null;
    });
  } catch (error) {
    // The new address was taken by someone else in the meantime.
    if (pgErrorCode(error) === '23505') throw new AppError('CONFLICT', 'That address now belongs to another account.');
    throw error;
  }
}

/** Whether the sign-up page offers its form: the tenant exists, is active, and takes sign-ups. */
export async function signupStatus(slug: string): Promise<{ open: boolean; name: string | null }> {
  const [tenant] = await appDb().select({ id: tenants.id, name: tenants.name, status: tenants.status, isPlatform: tenants.isPlatform }).from(tenants).where(eq(tenants.slug, slug));
  if (!tenant || tenant.status !== 'active' || tenant.isPlatform) return { open: false, name: null };
  const settings = await inTenantScope({ tenantId: tenant.id }, (tx) => readEndUserSettings(tx, tenant.id));
  return { open: settings.selfSignup, name: tenant.name };
}
