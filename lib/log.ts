import pino from 'pino';
import { settings } from '@/lib/env';

type Level = 'debug' | 'info' | 'warn' | 'error';

/**
 * Field names whose values never reach a log line, at the top level and one level down, however a
 * caller passes them (the log scan in e2e/operations/logs.spec.ts checks a whole run's output).
 */
const SECRET_FIELDS = ['password', 'passwordHash', 'token', 'cookie', 'authorization', 'secret', 'data'];

let logger: pino.Logger | undefined;

function instance(): pino.Logger {
  logger ??= pino({
    level: settings().LOG_LEVEL,
    messageKey: 'message',
    base: undefined,
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: SECRET_FIELDS.flatMap((f) => [f, `*.${f}`]), censor: '[redacted]' },
  });
  return logger;
}

/**
 * One JSON line per event (pino, to stdout): level, time, message, then the fields. Callers pass
 * ids, codes and counts, never credentials, tokens, bodies or document contents.
 */
export function log(level: Level, message: string, fields: Record<string, unknown> = {}): void {
  instance()[level](fields, message);
}
