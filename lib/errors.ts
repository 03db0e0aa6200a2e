// One error vocabulary for the whole app; lib/api maps it to HTTP in one place, and the table in
// docs/api.md is generated from this list (a test compares them).
export const errorCodes = {
  UNAUTHORIZED: { status: 401, when: 'no session, or it was revoked, expired or ended by inactivity; an API key that is unknown, revoked or expired, or an `Authorization` header that is no API key' },
  FORBIDDEN: { status: 403, when: 'missing permission (`details.permission`), or a cross-site `Origin` on a write or a server action' },
  TENANT_ACCESS_DENIED: { status: 403, when: 'the active tenant is not one you can act in (no live link, a stopped tenant, the platform tenant, or no `partner.tenants.switch_context`)' },
  TENANT_LINK_EXPIRED: { status: 403, when: 'the link to the active tenant has ended (`details.endsAt`)' },
  NOT_FOUND: { status: 404, when: "no such object in the active tenant, including another tenant's object" },
  INVOICE_NOT_FOUND: { status: 404, when: "no such invoice in the tenant (or among the caller's own), including another tenant's invoice" },
  FEATURE_DISABLED: { status: 404, when: 'the endpoint\'s feature is off in the active tenant (`details.feature`)' },
  CONFLICT: { status: 409, when: 'a taken slug, role key or plan name; a KYC submission already decided, or a second one while one is open; a type change the user no longer qualifies for; a subscription transition the state machine does not allow from its state, or a second live subscription; a plan with history deleted; a ticket or alert move its flow does not allow (a closed ticket, a resolved alert); two-factor set-up when it is already on (or turned off when it is not)' },
  PAYMENT_DECLINED: { status: 402, when: 'the payment provider declined the card (`details.declineReason`); the attempt is recorded and nothing is paid' },
  EXPORT_EXPIRED: { status: 410, when: 'an export whose download link has expired (7 days); start a new one' },
  PAYLOAD_TOO_LARGE: { status: 413, when: 'an upload past its limit (`details.fieldErrors` names the file and the rule)' },
  VALIDATION_ERROR: { status: 422, when: '`details.fieldErrors` maps `query.limit`, `params.id`, `body.x` to messages; database rules add `details.rule`' },
  RATE_LIMIT_EXCEEDED: { status: 429, when: 'past an API limit, or 5 wrong two-factor codes in 15 minutes; `Retry-After` says when to come back' },
  USAGE_LIMIT_EXCEEDED: {
    status: 429,
    when: "past the user's operation quota (guests and basic users); `Retry-After` is when the rolling window frees; `details.status` is `idle` when the user turned idle",
  },
  INTERNAL_ERROR: { status: 500, when: 'never with a stack trace or SQL' },
  SERVICE_UNAVAILABLE: { status: 503, when: 'PostgreSQL cannot be reached; retry' },
} as const satisfies Record<string, { status: number; when: string }>;

export const errorStatus = Object.fromEntries(Object.entries(errorCodes).map(([code, e]) => [code, e.status])) as {
  [K in keyof typeof errorCodes]: (typeof errorCodes)[K]['status'];
};

/** The error table of docs/api.md, generated from errorCodes. */
export function errorCodeTable(): string {
  const rows = Object.entries(errorCodes).map(([code, e]) => `| \`${code}\` | ${e.status} | ${e.when} |`);
  return ['| code | status | when |', '| --- | --- | --- |', ...rows].join('\n');
}

export type ErrorCode = keyof typeof errorStatus;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

export const unauthorized = (message = 'Sign in to continue.') => new AppError('UNAUTHORIZED', message);
export const forbidden = (permission: string) =>
  new AppError('FORBIDDEN', 'You do not have permission to do this here.', { permission });
export const notFound = (resource: string) => new AppError('NOT_FOUND', `${resource} not found.`);

const unavailableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
]);

/** An error and the errors it wraps (`cause`), outermost first, at most five deep. */
export function* causes(error: unknown): Generator<{ code?: unknown; constraint_name?: unknown }> {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    yield e as { code?: unknown; constraint_name?: unknown };
    e = (e as { cause?: unknown }).cause;
  }
}

/** True when the error means the database cannot be reached right now (answer 503, retry later). */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (const e of causes(error)) if (typeof e.code === 'string' && unavailableCodes.has(e.code)) return true;
  return false;
}
