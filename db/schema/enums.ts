import { pgEnum } from 'drizzle-orm/pg-core';
import {
  billingCycles,
  kycDocumentTypes,
  kycKinds,
  kycStatuses,
  linkAccessRoles,
  subscriptionStates,
  suspensionReasons,
  ticketPriorities,
  ticketStatuses,
  userStatuses,
  userTypes,
} from '../../lib/config/enums';
import { alertSeverities, alertStatuses, alertTypes } from '../../lib/config/alerts';
import { featureStages } from '../../lib/config/features';
import { breachActions } from '../../lib/config/policies';

// The value lists live with the code that reasons about them; the database enums follow them.
export const tenantStatus = pgEnum('tenant_status', ['active', 'stopped']);
export const userType = pgEnum('user_type', userTypes);
export const userStatus = pgEnum('user_status', userStatuses);
export const linkAccessRole = pgEnum('link_access_role', linkAccessRoles);
export const linkStatus = pgEnum('link_status', ['requested', 'active', 'rejected', 'revoked']);
export const auditOutcome = pgEnum('audit_outcome', ['success', 'denied', 'failure']);
export const featureStage = pgEnum('feature_stage', featureStages);
export const breachAction = pgEnum('breach_action', breachActions);
export const ticketPriority = pgEnum('ticket_priority', ticketPriorities);
export const ticketStatus = pgEnum('ticket_status', ticketStatuses);
export const kycStatus = pgEnum('kyc_status', kycStatuses);
export const kycKind = pgEnum('kyc_kind', kycKinds);
export const kycDocumentType = pgEnum('kyc_document_type', kycDocumentTypes);
export const subscriptionState = pgEnum('subscription_state', subscriptionStates);
export const billingCycle = pgEnum('billing_cycle', billingCycles);
export const suspensionReason = pgEnum('suspension_reason', suspensionReasons);
export const slaTimerState = pgEnum('sla_timer_state', ['running', 'at_risk', 'breached', 'paused', 'met']);
export const alertType = pgEnum('alert_type', alertTypes);
export const alertSeverity = pgEnum('alert_severity', alertSeverities);
export const alertStatus = pgEnum('alert_status', alertStatuses);
