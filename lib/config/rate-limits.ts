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

export function classWindow(limits: RateLimits, cls: RateClass): { limit: number; windowSeconds: number } {
  switch (cls) {
    case 'list':
      return { limit: limits.listPerMinute, windowSeconds: 60 };
    case 'detail':
      return { limit: limits.detailPerMinute, windowSeconds: 60 };
    case 'write':
      return { limit: limits.writePerMinute, windowSeconds: 60 };
    case 'export':
      return { limit: limits.exportPerHour, windowSeconds: 3600 };
  }
}
