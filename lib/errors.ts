// One error vocabulary for the whole app; lib/api maps it to HTTP in one place.
export const errorStatus = {
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  TENANT_ACCESS_DENIED: 403,
  TENANT_LINK_EXPIRED: 403,
  NOT_FOUND: 404,
  FEATURE_DISABLED: 404,
  CONFLICT: 409,
  VALIDATION_ERROR: 422,
  RATE_LIMIT_EXCEEDED: 429,
  USAGE_LIMIT_EXCEEDED: 429,
  INTERNAL_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;

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
