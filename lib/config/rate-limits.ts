/**
 * API rate limits, per user and per class of call, with the limits of the caller's home tenant
 * (for partner staff that is the partner); requests through a link also count against the
 * partner's budget in that managed tenant. Defaults from the multi-account document.
 */
export const rateClasses = ['list', 'detail', 'write', 'export'] as const;
export type RateClass = (typeof rateClasses)[number];

export type RateLimits = {
  listPerMinute: number;
  detailPerMinute: number;
  writePerMinute: number;
  exportPerHour: number;
  linkPerMinute: number;
};

export const defaultRateLimits: Readonly<RateLimits> = Object.freeze({
  listPerMinute: 100,
  detailPerMinute: 200,
  writePerMinute: 50,
  exportPerHour: 10,
  linkPerMinute: 500,
});

/** Lists, details and writes count per minute; exports per hour. */
export const classWindowSeconds: Readonly<Record<RateClass, number>> = { list: 60, detail: 60, write: 60, export: 3600 };

export function classLimit(limits: RateLimits, cls: RateClass): number {
  switch (cls) {
    case 'list':
      return limits.listPerMinute;
    case 'detail':
      return limits.detailPerMinute;
    case 'write':
      return limits.writePerMinute;
    case 'export':
      return limits.exportPerHour;
  }
}
