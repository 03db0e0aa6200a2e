// The value lists behind the database enums (db/schema/enums.ts follows them) and the code that
// reasons about them. A leaf module: db/, lib/ and client components all import it.

export const userTypes = ['guest', 'basic', 'advanced', 'company', 'admin'] as const;
export type UserType = (typeof userTypes)[number];
export const userTypeLabels: Record<UserType, string> = { guest: 'Guest', basic: 'Basic', advanced: 'Advanced', company: 'Company', admin: 'Admin' };
export const userStatuses = ['active', 'inactive', 'idle', 'signing'] as const;

export const linkAccessRoles = ['msp_full', 'msp_billing', 'msp_support', 'enterprise_hq', 'auditor', 'reseller', 'delegate'] as const;
export type LinkAccessRole = (typeof linkAccessRoles)[number];

export const ticketPriorities = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof ticketPriorities)[number];
export const ticketStatuses = ['new', 'open', 'pending', 'on_hold', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof ticketStatuses)[number];

/** A link's access role in words, for people (the key stays in the API and the audit log). */
export const linkAccessRoleLabels: Record<LinkAccessRole, string> = {
  msp_full: 'MSP full access',
  msp_billing: 'MSP billing',
  msp_support: 'MSP support',
  enterprise_hq: 'Enterprise HQ',
  auditor: 'Auditor',
  reseller: 'Reseller',
  delegate: 'Delegate',
};

/**
 * A link's relationship type in words. The column is free text (the documents name these four);
 * any other value reads as itself with spaces for underscores.
 */
const relationshipTypeLabels: Record<string, string> = {
  msp_managed: 'MSP-managed',
  enterprise_subsidiary: 'Enterprise subsidiary',
  reseller_channel: 'Reseller channel',
  audit_only: 'Audit only',
};
export const relationshipTypeWords = (type: string): string => relationshipTypeLabels[type] ?? type.replace(/_/g, ' ');

/** A KYC submission's states; `not_started` is what a user with none shows (it is never stored). */
export const kycStatuses = ['in_progress', 'submitted', 'in_review', 'verified', 'resubmission_requested', 'rejected', 'expired', 'revoked'] as const;
export type KycStatus = (typeof kycStatuses)[number];
export type KycState = KycStatus | 'not_started';
/** identity: guest -> basic; address (advanced KYC): basic -> advanced; business: advanced -> company. */
export const kycKinds = ['identity', 'address', 'business'] as const;
export type KycKind = (typeof kycKinds)[number];
export const kycDocumentTypes = ['passport', 'national_id', 'driving_licence', 'proof_of_address', 'company_registration'] as const;
export type KycDocumentType = (typeof kycDocumentTypes)[number];
/** The file slots of a submission. */
export const kycSlots = ['front', 'back', 'selfie', 'proof', 'registration'] as const;
export type KycSlot = (typeof kycSlots)[number];

/** Each tenant's rule for the two upgrades past basic (Settings). */
export const basicToAdvancedPolicies = ['automatic', 'advanced_kyc', 'admin_approval'] as const;
export type BasicToAdvancedPolicy = (typeof basicToAdvancedPolicies)[number];
export const advancedToCompanyPolicies = ['business_verification', 'admin_approval'] as const;
export type AdvancedToCompanyPolicy = (typeof advancedToCompanyPolicies)[number];

/** A subscription's states (DESIGN.md 4); `unsigned` is also where an ended subscription rests. */
export const subscriptionStates = ['signing', 'signed', 'suspended', 'unsigned'] as const;
export type SubscriptionState = (typeof subscriptionStates)[number];
/** What a user shows: their live subscription's state, `unsigned` once it ended, `absent` if they never subscribed. */
export type SubStatus = 'signed' | 'unsigned' | 'absent' | 'suspended';
export const billingCycles = ['monthly', 'yearly'] as const;
export type BillingCycle = (typeof billingCycles)[number];
/** The user types a plan may be offered to: never guests or admins. */
export const planUserTypes = ['basic', 'advanced', 'company'] as const;
export type PlanUserType = (typeof planUserTypes)[number];
export const suspensionReasons = ['non_payment', 'policy_violation', 'admin'] as const;
export type SuspensionReason = (typeof suspensionReasons)[number];
export const suspensionReasonLabels: Record<SuspensionReason, string> = {
  non_payment: 'Payment failure',
  policy_violation: 'Policy violation',
  admin: 'Suspended by an administrator',
};
