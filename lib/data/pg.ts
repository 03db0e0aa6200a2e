import { causes } from '@/lib/errors';

/** The Postgres error (SQLSTATE and constraint) of a failed statement, looking through drizzle's wrapper. */
export function pgError(error: unknown): { code: string; constraint: string | null } | null {
  for (const e of causes(error)) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) {
      return { code: e.code, constraint: typeof e.constraint_name === 'string' ? e.constraint_name : null };
    }
  }
  return null;
}

export const pgErrorCode = (error: unknown): string | undefined => pgError(error)?.code;
