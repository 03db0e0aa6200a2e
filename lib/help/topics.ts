/**
 * The guide section for each portal page: the header's "?" opens it. Keys are a page's path
 * under /t/<tenant>/ (the first two segments, then the first, then the overview); a value is
 * `<guide>#<heading id>`, or one for staff and one for end users where both reach the page.
 * test/unit/guides.test.ts fails on a page without a topic or a topic whose heading is gone.
 */
export type HelpTopic = string | { staff: string; endUser: string };

export const helpTopics: Record<string, HelpTopic> = {
  '': 'partner-admins#the-overview',
  users: 'partner-admins#users',
  'users/import': 'migration#import-your-users',
  kyc: 'partner-admins#kyc-review',
  subscriptions: 'partner-admins#subscriptions',
  plans: 'partner-admins#plans',
  'plans/new': 'partner-admins#plans',
  billing: 'partner-admins#billing',
  tickets: 'partner-admins#tickets-and-sla',
  alerts: 'partner-admins#alerts',
  reports: 'partner-admins#reports',
  tenants: 'msp#managed-tenants',
  links: 'msp#ask-for-a-link',
  access: 'partner-admins#who-acted-in-your-tenant',
  roles: 'partner-admins#roles-and-permissions',
  settings: 'partner-admins#settings',
  audit: 'partner-admins#the-audit-log',
  'settings/api-keys': 'api#get-a-key',
  'settings/webhooks': 'partner-admins#webhooks',
  partners: 'platform-operators#partners',
  features: 'platform-operators#feature-rollouts',
  account: {
    staff: 'partner-admins#your-own-account',
    endUser: 'end-users#your-account-and-security',
  },
  'account/plans': 'end-users#choose-and-subscribe-to-a-plan',
  'account/invoices': 'end-users#pay-your-invoices',
  'account/tickets': 'end-users#ask-for-help-tickets',
  'account/verify': 'end-users#verify-your-identity-kyc',
  'my-access': {
    staff: 'partner-admins#your-own-account',
    endUser: 'end-users#your-account-and-security',
  },
};

/** The All-tenants mode's pages (/t/all/<path>). */
export const allTenantsTopics: Record<string, string> = {
  '': 'msp#all-tenants',
  users: 'msp#all-tenants',
  billing: 'msp#consolidated-billing',
  tickets: 'msp#the-ticket-board-and-sla',
  alerts: 'msp#alerts-across-tenants',
  reports: 'msp#reports-across-tenants',
};

/** The help page for a portal path's segments (below /t/<tenant>/), as an href under /help. */
export function helpHref(
  segments: readonly string[],
  opts: { allTenants: boolean; endUser: boolean },
): string {
  const table: Record<string, HelpTopic> = opts.allTenants ? allTenantsTopics : helpTopics;
  const keys = [segments.slice(0, 2).join('/'), segments[0] ?? '', ''];
  const topic = keys.map((k) => table[k]).find((t) => t !== undefined) ?? '';
  const chosen = typeof topic === 'string' ? topic : opts.endUser ? topic.endUser : topic.staff;
  const [guide, anchor] = chosen.split('#');
  return guide ? `/help/${guide}${anchor ? `#${anchor}` : ''}` : '/help';
}
