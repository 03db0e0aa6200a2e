import { z } from 'zod';

// The only reader of process.env in app code (scripts/ and db/ run before the app and read their
// own). Parsed once. The start script (scripts/start.ts) fills these in for the embedded database.

/** Settings every part of the app may read, the proxy included: no secrets, nothing required. */
const settingsSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  // The portal's public URL: next-auth's redirects, and the one origin besides Host that writes may come from.
  NEXTAUTH_URL: z.url().optional(),
  // How many proxies in front append to X-Forwarded-For (lib/auth/meta.ts); 0: none, the
  // portal is reached directly and no client header decides the address.
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).catch(0),
  // 0: this instance serves requests and runs no background jobs.
  PORTAL_JOBS: z.enum(['0', '1']).default('1'),
  // The bearer token /api/metrics asks for; without one the endpoint is not there (404).
  METRICS_TOKEN: z.string().min(24).optional().catch(undefined),
  // The card payment provider end users pay invoices through: `test` (documented test cards,
  // on in the demo world and the tests) or none (the default): invoices are paid by transfer.
  PAYMENT_PROVIDER: z.enum(['test', 'none']).default('none').catch('none'),
  // Development only: webhook endpoints may be http://localhost (the e2e receiver, a local tool).
  // Off by default: endpoints are https, and loopback addresses are refused like any private one.
  WEBHOOKS_ALLOW_HTTP_LOCALHOST: z.enum(['0', '1']).default('0').catch('0'),
});

/** What the server needs to serve: the settings plus the database and the cookie secret. */
const envSchema = settingsSchema.extend({
  // The runtime connection: a role that is not superuser, has no BYPASSRLS and owns no table.
  DATABASE_APP_URL: z.url(),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  NEXTAUTH_SECRET: z.string().min(32),
  // Where the worker delivers mail (smtp:// or smtps://, user and password in the URL). Unset:
  // mail stays queued (npm start sets it to its local mail catcher).
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  // The From of every mail; the tenant's name is put before it as the display name.
  MAIL_FROM: z.email().default('no-reply@partner-portal.localhost'),
  // How long an SMTP server may stay silent (connect, greeting, mid-message) before the attempt fails.
  SMTP_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(300).default(30),
});

export type Settings = z.infer<typeof settingsSchema>;
export type Env = z.infer<typeof envSchema>;

let cachedSettings: Settings | undefined;
let cached: Env | undefined;

/** Never throws: an unusable value falls back to its default. */
export function settings(): Settings {
  if (cachedSettings) return cachedSettings;
  const parsed = settingsSchema.safeParse(process.env);
  cachedSettings = parsed.success ? parsed.data : settingsSchema.parse({});
  return cachedSettings;
}

/** Throws, naming the variables (never their values), when the server cannot run. */
export function env(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
    throw new Error(`Invalid environment: ${fields}. See .env.example.`);
  }
  cached = parsed.data;
  return cached;
}
