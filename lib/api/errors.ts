import { z } from 'zod';
import { AppError, isDatabaseUnavailable } from '@/lib/errors';
import { settings } from '@/lib/env';
import { log } from '@/lib/log';

export type ErrorBody = {
  error: { code: string; message: string; details: Record<string, unknown>; requestId: string };
};

/** Every error the API answers has this one shape; unexpected errors never leak their text. */
export function toErrorBody(error: unknown, requestId: string): { status: number; body: ErrorBody } {
  const make = (status: number, code: string, message: string, details: Record<string, unknown> = {}) => ({
    status,
    body: { error: { code, message, details, requestId } },
  });
  if (error instanceof AppError) return make(error.status, error.code, error.message, error.details);
  if (error instanceof z.ZodError) {
    return make(422, 'VALIDATION_ERROR', 'The request is not valid.', { fieldErrors: fieldErrors(error) });
  }
  if (isDatabaseUnavailable(error)) {
    log('warn', 'database unavailable', { requestId });
    return make(503, 'SERVICE_UNAVAILABLE', 'The service is temporarily unavailable. Try again shortly.');
  }
  log('error', 'unhandled error', { requestId, error: error instanceof Error ? error.name : typeof error });
  if (settings().NODE_ENV !== 'production') console.error(error);
  return make(500, 'INTERNAL_ERROR', 'Something went wrong on our side.');
}

export function fieldErrors(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_';
    (out[key] ??= []).push(issue.message);
  }
  return out;
}
