/**
 * The one status badge mapping: every status word anywhere in the portal has one tone and one
 * text, so "active" looks the same on the users list, a user's page, a link and a tenant. Tones:
 * good (working as meant), attention (needs a look soon), bad (stopped, refused, failed),
 * pending (waiting on someone), neutral (finished, or just a fact).
 */
export type StatusTone = 'good' | 'attention' | 'bad' | 'pending' | 'neutral';

export const statusBadges: Record<string, { tone: StatusTone; text: string }> = {
  // users
  active: { tone: 'good', text: 'Active' },
  idle: { tone: 'attention', text: 'Idle' },
  inactive: { tone: 'bad', text: 'Inactive' },
  signing: { tone: 'pending', text: 'Signing' },
  // subscriptions (SUB-5): unsigned neutral, signing pending, signed good, suspended bad
  signed: { tone: 'good', text: 'Signed' },
  suspended: { tone: 'bad', text: 'Suspended' },
  unsigned: { tone: 'neutral', text: 'Unsigned' },
  absent: { tone: 'neutral', text: 'No plan' },
  // links
  requested: { tone: 'pending', text: 'Requested' },
  expiring: { tone: 'attention', text: 'Expiring' },
  expired: { tone: 'bad', text: 'Expired' },
  not_started: { tone: 'pending', text: 'Not started' },
  rejected: { tone: 'bad', text: 'Rejected' },
  revoked: { tone: 'bad', text: 'Revoked' },
  // KYC submissions and upgrade requests
  in_progress: { tone: 'pending', text: 'In progress' },
  submitted: { tone: 'pending', text: 'Submitted' },
  in_review: { tone: 'pending', text: 'In review' },
  verified: { tone: 'good', text: 'Verified' },
  resubmission_requested: { tone: 'attention', text: 'Resubmission requested' },
  approved: { tone: 'good', text: 'Approved' },
  // revoked (links) also covers a revoked KYC verification
  // tenants
  stopped: { tone: 'bad', text: 'Stopped' },
  // tickets
  new: { tone: 'pending', text: 'New' },
  open: { tone: 'attention', text: 'Open' },
  pending: { tone: 'pending', text: 'Pending' },
  on_hold: { tone: 'pending', text: 'On hold' },
  resolved: { tone: 'good', text: 'Resolved' },
  closed: { tone: 'neutral', text: 'Closed' },
  // invoices (open and void are shared words: open needs a look, void is finished)
  draft: { tone: 'neutral', text: 'Draft' },
  paid: { tone: 'good', text: 'Paid' },
  void: { tone: 'neutral', text: 'Void' },
  uncollectible: { tone: 'bad', text: 'Uncollectible' },
  overdue: { tone: 'bad', text: 'Overdue' },
  declined: { tone: 'bad', text: 'Declined' },
  // exports
  queued: { tone: 'pending', text: 'Queued' },
  running: { tone: 'pending', text: 'Running' },
  ready: { tone: 'good', text: 'Ready' },
  cancelled: { tone: 'neutral', text: 'Cancelled' },
  // bulk action outcomes, per row
  succeeded: { tone: 'good', text: 'Succeeded' },
  skipped: { tone: 'pending', text: 'Skipped' },
  failed: { tone: 'bad', text: 'Failed' },
  // webhook deliveries (pending and failed are shared words)
  delivered: { tone: 'good', text: 'Delivered' },
  // alerts: `active` is shown as unacknowledged (the word "active" is a good state elsewhere)
  unacknowledged: { tone: 'bad', text: 'Unacknowledged' },
  acknowledged: { tone: 'pending', text: 'Acknowledged' },
  // alert severities
  critical: { tone: 'bad', text: 'Critical' },
  warning: { tone: 'attention', text: 'Warning' },
  info: { tone: 'neutral', text: 'Info' },
  // audit outcomes
  success: { tone: 'good', text: 'Success' },
  denied: { tone: 'bad', text: 'Denied' },
  failure: { tone: 'bad', text: 'Failure' },
};

/** A value's badge; an unknown word is shown as itself, neutral. */
export function statusBadge(value: string): { tone: StatusTone; text: string } {
  return statusBadges[value] ?? { tone: 'neutral', text: value.replace(/_/g, ' ') };
}

/** An alert's status as its badge names it: `active` reads "Unacknowledged". */
export const alertStatusWord = (status: string) => (status === 'active' ? 'unacknowledged' : status);
