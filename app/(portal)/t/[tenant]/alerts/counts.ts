import type { AlertCounts } from '@/lib/validation/alerts';

/** "3 unacknowledged, 1 acknowledged, 12 resolved" for the filter shown. */
export function alertCountsText(c: AlertCounts): string {
  return `${c.active} unacknowledged, ${c.acknowledged} acknowledged, ${c.resolved} resolved.`;
}
