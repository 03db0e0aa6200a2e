'use server';

import { tenantAction } from '@/lib/api/action';
import { actOnAlerts } from '@/lib/data/alerts';
import { alertActionSchema } from '@/lib/validation/alerts';

/** Acknowledge, assign to me, unassign or resolve alerts of the active tenant (row menu and bulk); each alert's tenant checks alerts.manage again. */
export const actOnAlertsAction = tenantAction({ permission: 'alerts.manage', input: alertActionSchema, revalidate: 'alerts' }, actOnAlerts);

/** The same from All tenants (the page's tenant is the caller's home): partner staff who work alerts. */
export const actOnAllAlertsAction = tenantAction({ permission: 'partner.alerts.manage', input: alertActionSchema, revalidate: 'alerts' }, actOnAlerts);
