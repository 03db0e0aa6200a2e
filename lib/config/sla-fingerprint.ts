import { createHash } from 'node:crypto';
import type { BusinessCalendar, SlaPolicy } from './sla';

/**
 * What stored ticket timers depend on besides the tickets: the targets in force (the tenant's,
 * with its live links' terms) and the business calendar. The breach scan keeps it per tenant and
 * computes every unresolved ticket again when it changes. Server-side only (node:crypto).
 */
export const slaFingerprint = (s: { policy: SlaPolicy; calendar: BusinessCalendar }) => createHash('sha256').update(JSON.stringify([s.policy, s.calendar])).digest('base64url');
