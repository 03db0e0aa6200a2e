import type { TicketStatus } from './enums';

/**
 * The ticket status flow (DESIGN.md section 4, Tickets): `new -> open -> pending | on_hold ->
 * resolved -> closed`. Staff move a ticket along it; nothing goes back to `new`; `closed` is final
 * (a reply then opens a follow-up). A move it does not list is 409 CONFLICT everywhere.
 */
export const ticketTransitions: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ['open', 'pending', 'on_hold', 'resolved'],
  open: ['pending', 'on_hold', 'resolved'],
  pending: ['open', 'on_hold', 'resolved'],
  on_hold: ['open', 'pending', 'resolved'],
  resolved: ['open', 'closed'],
  closed: [],
};

export const canMoveTicket = (from: TicketStatus, to: TicketStatus) => ticketTransitions[from].includes(to);

/** Statuses whose SLA clocks stand still (waiting on the customer or a third party). */
export const pausedTicketStatuses: readonly TicketStatus[] = ['pending', 'on_hold'];

/** What an end user sees: `new` and `on_hold` are staff distinctions and read as open. */
export const requesterStatus = (s: TicketStatus): 'open' | 'pending' | 'resolved' | 'closed' => (s === 'new' || s === 'on_hold' ? 'open' : s);

/** The category every tenant has: its tickets carry the outage's start and end (uptime's source). */
export const OUTAGE_CATEGORY = 'network_outage';

/** Resolved tickets close themselves after this long unless the tenant sets otherwise (1 h to 28 d). */
export const DEFAULT_AUTO_CLOSE_HOURS = 96;

/** The categories a tenant starts with; it edits them under Settings > Tickets (network_outage is always there besides). */
export const defaultTicketCategories: readonly string[] = ['connectivity', 'speed', 'billing', 'hardware', 'account'];

/** The categories a ticket of the tenant may carry: its own list, and network_outage. */
export const categoriesOf = (list: readonly string[] | null | undefined): string[] => [...new Set([...(list ?? defaultTicketCategories), OUTAGE_CATEGORY])];
