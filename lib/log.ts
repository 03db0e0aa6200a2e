import { settings } from '@/lib/env';

type Level = 'debug' | 'info' | 'warn' | 'error';
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** One JSON line per event. Callers pass ids and codes, never credentials, tokens or bodies. */
export function log(level: Level, message: string, fields: Record<string, unknown> = {}): void {
  const min = settings().LOG_LEVEL;
  if (order[level] < order[min]) return;
  const line = JSON.stringify({ level, time: new Date().toISOString(), message, ...fields });
  if (level === 'error' || level === 'warn') console.error(line);
  else console.log(line);
}
