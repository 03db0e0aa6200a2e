// The /api/v1 route modules the OpenAPI document describes, keyed by URL pattern. A test
// (test/unit/openapi.test.ts) fails when a route file is missing here or one named here is gone:
// a new route adds one import and one entry.

import * as alertsIdAcknowledge from '@/app/api/v1/alerts/[id]/acknowledge/route';
import * as alertsIdResolve from '@/app/api/v1/alerts/[id]/resolve/route';
import * as alertsId from '@/app/api/v1/alerts/[id]/route';
import * as alerts from '@/app/api/v1/alerts/route';
import * as apiKeysId from '@/app/api/v1/api-keys/[id]/route';
import * as apiKeys from '@/app/api/v1/api-keys/route';
import * as auditExport from '@/app/api/v1/audit/export/route';
import * as audit from '@/app/api/v1/audit/route';
import * as auditVerify from '@/app/api/v1/audit/verify/route';
import * as billingSummary from '@/app/api/v1/billing/summary/route';
import * as exportsIdCancel from '@/app/api/v1/exports/[id]/cancel/route';
import * as exportsIdDownload from '@/app/api/v1/exports/[id]/download/route';
import * as exportsId from '@/app/api/v1/exports/[id]/route';
import * as exports from '@/app/api/v1/exports/route';
import * as featuresKey from '@/app/api/v1/features/[key]/route';
import * as features from '@/app/api/v1/features/route';
import * as invoicesIdPayments from '@/app/api/v1/invoices/[id]/payments/route';
import * as invoicesId from '@/app/api/v1/invoices/[id]/route';
import * as invoicesIdUncollectible from '@/app/api/v1/invoices/[id]/uncollectible/route';
import * as invoicesIdVoid from '@/app/api/v1/invoices/[id]/void/route';
import * as invoicesExport from '@/app/api/v1/invoices/export/route';
import * as invoices from '@/app/api/v1/invoices/route';
import * as kycSubmissionsIdAssign from '@/app/api/v1/kyc/submissions/[id]/assign/route';
import * as kycSubmissionsIdDecision from '@/app/api/v1/kyc/submissions/[id]/decision/route';
import * as kycSubmissionsIdFilesFileId from '@/app/api/v1/kyc/submissions/[id]/files/[fileId]/route';
import * as kycSubmissionsIdRevoke from '@/app/api/v1/kyc/submissions/[id]/revoke/route';
import * as kycSubmissionsId from '@/app/api/v1/kyc/submissions/[id]/route';
import * as kycSubmissions from '@/app/api/v1/kyc/submissions/route';
import * as kycUpgradeRequestsIdDecision from '@/app/api/v1/kyc/upgrade-requests/[id]/decision/route';
import * as kycUpgradeRequests from '@/app/api/v1/kyc/upgrade-requests/route';
import * as linksIdApprove from '@/app/api/v1/links/[id]/approve/route';
import * as linksIdReject from '@/app/api/v1/links/[id]/reject/route';
import * as linksIdRevoke from '@/app/api/v1/links/[id]/revoke/route';
import * as linksRevokeAll from '@/app/api/v1/links/revoke-all/route';
import * as links from '@/app/api/v1/links/route';
import * as meInvoicesIdPay from '@/app/api/v1/me/invoices/[id]/pay/route';
import * as meInvoicesId from '@/app/api/v1/me/invoices/[id]/route';
import * as meInvoices from '@/app/api/v1/me/invoices/route';
import * as meKycFilesFileId from '@/app/api/v1/me/kyc/files/[fileId]/route';
import * as meKyc from '@/app/api/v1/me/kyc/route';
import * as mePlans from '@/app/api/v1/me/plans/route';
import * as meNotifications from '@/app/api/v1/me/notifications/route';
import * as meNotificationsRead from '@/app/api/v1/me/notifications/read/route';
import * as meNotificationPreferences from '@/app/api/v1/me/notification-preferences/route';
import * as me from '@/app/api/v1/me/route';
import * as meSubscriptionCancel from '@/app/api/v1/me/subscription/cancel/route';
import * as meSubscriptionKeep from '@/app/api/v1/me/subscription/keep/route';
import * as meSubscription from '@/app/api/v1/me/subscription/route';
import * as meTicketsIdComments from '@/app/api/v1/me/tickets/[id]/comments/route';
import * as meTicketsId from '@/app/api/v1/me/tickets/[id]/route';
import * as meTickets from '@/app/api/v1/me/tickets/route';
import * as meUpgradeRequests from '@/app/api/v1/me/upgrade-requests/route';
import * as partnerAlertsBilling from '@/app/api/v1/partner/alerts/billing/route';
import * as partnerAlertsSla from '@/app/api/v1/partner/alerts/sla/route';
import * as partnerBillingExportsId from '@/app/api/v1/partner/billing/exports/[id]/route';
import * as partnerBillingInvoicesExport from '@/app/api/v1/partner/billing/invoices/export/route';
import * as partnerBillingInvoices from '@/app/api/v1/partner/billing/invoices/route';
import * as partnerBillingSummary from '@/app/api/v1/partner/billing/summary/route';
import * as partnerCustomers from '@/app/api/v1/partner/customers/route';
import * as partnerReportsSla from '@/app/api/v1/partner/reports/sla/route';
import * as partnerReportsUsage from '@/app/api/v1/partner/reports/usage/route';
import * as partnerSupportTicketsId from '@/app/api/v1/partner/support/tickets/[id]/route';
import * as partnerSupportTickets from '@/app/api/v1/partner/support/tickets/route';
import * as plansIdDiscontinue from '@/app/api/v1/plans/[id]/discontinue/route';
import * as plansId from '@/app/api/v1/plans/[id]/route';
import * as plansPreview from '@/app/api/v1/plans/preview/route';
import * as plans from '@/app/api/v1/plans/route';
import * as platformFeaturesKeyEarlyAccess from '@/app/api/v1/platform/features/[key]/early-access/route';
import * as platformFeaturesKey from '@/app/api/v1/platform/features/[key]/route';
import * as platformFeatures from '@/app/api/v1/platform/features/route';
import * as policiesType from '@/app/api/v1/policies/[type]/route';
import * as policies from '@/app/api/v1/policies/route';
import * as rateLimits from '@/app/api/v1/rate-limits/route';
import * as reportsSla from '@/app/api/v1/reports/sla/route';
import * as reportsUsage from '@/app/api/v1/reports/usage/route';
import * as rolesId from '@/app/api/v1/roles/[id]/route';
import * as roles from '@/app/api/v1/roles/route';
import * as sessionsId from '@/app/api/v1/sessions/[id]/route';
import * as sessions from '@/app/api/v1/sessions/route';
import * as signup from '@/app/api/v1/signup/route';
import * as subscriptionsIdApprove from '@/app/api/v1/subscriptions/[id]/approve/route';
import * as subscriptionsIdCancel from '@/app/api/v1/subscriptions/[id]/cancel/route';
import * as subscriptionsIdCode from '@/app/api/v1/subscriptions/[id]/code/route';
import * as subscriptionsIdConfirm from '@/app/api/v1/subscriptions/[id]/confirm/route';
import * as subscriptionsIdReject from '@/app/api/v1/subscriptions/[id]/reject/route';
import * as subscriptionsIdResume from '@/app/api/v1/subscriptions/[id]/resume/route';
import * as subscriptionsId from '@/app/api/v1/subscriptions/[id]/route';
import * as subscriptionsIdSuspend from '@/app/api/v1/subscriptions/[id]/suspend/route';
import * as subscriptionsIdWithdraw from '@/app/api/v1/subscriptions/[id]/withdraw/route';
import * as subscriptions from '@/app/api/v1/subscriptions/route';
import * as tenantsIdData from '@/app/api/v1/tenants/[id]/data/route';
import * as tenantsIdExportsExportId from '@/app/api/v1/tenants/[id]/exports/[exportId]/route';
import * as tenantsIdExports from '@/app/api/v1/tenants/[id]/exports/route';
import * as tenantsIdLinksLinkIdRevoke from '@/app/api/v1/tenants/[id]/links/[linkId]/revoke/route';
import * as tenantsIdLinks from '@/app/api/v1/tenants/[id]/links/route';
import * as tenantsIdRateLimits from '@/app/api/v1/tenants/[id]/rate-limits/route';
import * as tenantsIdReactivate from '@/app/api/v1/tenants/[id]/reactivate/route';
import * as tenantsId from '@/app/api/v1/tenants/[id]/route';
import * as tenantsIdStop from '@/app/api/v1/tenants/[id]/stop/route';
import * as tenants from '@/app/api/v1/tenants/route';
import * as ticketsIdComments from '@/app/api/v1/tickets/[id]/comments/route';
import * as ticketsId from '@/app/api/v1/tickets/[id]/route';
import * as tickets from '@/app/api/v1/tickets/route';
import * as usersIdPermissions from '@/app/api/v1/users/[id]/permissions/route';
import * as usersIdRoles from '@/app/api/v1/users/[id]/roles/route';
import * as usersId from '@/app/api/v1/users/[id]/route';
import * as usersIdSubscription from '@/app/api/v1/users/[id]/subscription/route';
import * as usersIdTypeHistory from '@/app/api/v1/users/[id]/type-history/route';
import * as usersIdType from '@/app/api/v1/users/[id]/type/route';
import * as usersIdUnlock from '@/app/api/v1/users/[id]/unlock/route';
import * as usersExport from '@/app/api/v1/users/export/route';
import * as usersLocked from '@/app/api/v1/users/locked/route';
import * as users from '@/app/api/v1/users/route';
import * as webhooksIdDeliveries from '@/app/api/v1/webhooks/[id]/deliveries/route';
import * as webhooksId from '@/app/api/v1/webhooks/[id]/route';
import * as webhooksIdTest from '@/app/api/v1/webhooks/[id]/test/route';
import * as webhooks from '@/app/api/v1/webhooks/route';

export const routeModules: Record<string, Record<string, unknown>> = {
  '/api/v1/alerts/[id]/acknowledge': alertsIdAcknowledge,
  '/api/v1/alerts/[id]/resolve': alertsIdResolve,
  '/api/v1/alerts/[id]': alertsId,
  '/api/v1/alerts': alerts,
  '/api/v1/api-keys/[id]': apiKeysId,
  '/api/v1/api-keys': apiKeys,
  '/api/v1/audit/export': auditExport,
  '/api/v1/audit': audit,
  '/api/v1/audit/verify': auditVerify,
  '/api/v1/billing/summary': billingSummary,
  '/api/v1/exports/[id]/cancel': exportsIdCancel,
  '/api/v1/exports/[id]/download': exportsIdDownload,
  '/api/v1/exports/[id]': exportsId,
  '/api/v1/exports': exports,
  '/api/v1/features/[key]': featuresKey,
  '/api/v1/features': features,
  '/api/v1/invoices/[id]/payments': invoicesIdPayments,
  '/api/v1/invoices/[id]': invoicesId,
  '/api/v1/invoices/[id]/uncollectible': invoicesIdUncollectible,
  '/api/v1/invoices/[id]/void': invoicesIdVoid,
  '/api/v1/invoices/export': invoicesExport,
  '/api/v1/invoices': invoices,
  '/api/v1/kyc/submissions/[id]/assign': kycSubmissionsIdAssign,
  '/api/v1/kyc/submissions/[id]/decision': kycSubmissionsIdDecision,
  '/api/v1/kyc/submissions/[id]/files/[fileId]': kycSubmissionsIdFilesFileId,
  '/api/v1/kyc/submissions/[id]/revoke': kycSubmissionsIdRevoke,
  '/api/v1/kyc/submissions/[id]': kycSubmissionsId,
  '/api/v1/kyc/submissions': kycSubmissions,
  '/api/v1/kyc/upgrade-requests/[id]/decision': kycUpgradeRequestsIdDecision,
  '/api/v1/kyc/upgrade-requests': kycUpgradeRequests,
  '/api/v1/links/[id]/approve': linksIdApprove,
  '/api/v1/links/[id]/reject': linksIdReject,
  '/api/v1/links/[id]/revoke': linksIdRevoke,
  '/api/v1/links/revoke-all': linksRevokeAll,
  '/api/v1/links': links,
  '/api/v1/me/invoices/[id]/pay': meInvoicesIdPay,
  '/api/v1/me/invoices/[id]': meInvoicesId,
  '/api/v1/me/invoices': meInvoices,
  '/api/v1/me/kyc/files/[fileId]': meKycFilesFileId,
  '/api/v1/me/kyc': meKyc,
  '/api/v1/me/plans': mePlans,
  '/api/v1/me/notifications': meNotifications,
  '/api/v1/me/notifications/read': meNotificationsRead,
  '/api/v1/me/notification-preferences': meNotificationPreferences,
  '/api/v1/me': me,
  '/api/v1/me/subscription/cancel': meSubscriptionCancel,
  '/api/v1/me/subscription/keep': meSubscriptionKeep,
  '/api/v1/me/subscription': meSubscription,
  '/api/v1/me/tickets/[id]/comments': meTicketsIdComments,
  '/api/v1/me/tickets/[id]': meTicketsId,
  '/api/v1/me/tickets': meTickets,
  '/api/v1/me/upgrade-requests': meUpgradeRequests,
  '/api/v1/partner/alerts/billing': partnerAlertsBilling,
  '/api/v1/partner/alerts/sla': partnerAlertsSla,
  '/api/v1/partner/billing/exports/[id]': partnerBillingExportsId,
  '/api/v1/partner/billing/invoices/export': partnerBillingInvoicesExport,
  '/api/v1/partner/billing/invoices': partnerBillingInvoices,
  '/api/v1/partner/billing/summary': partnerBillingSummary,
  '/api/v1/partner/customers': partnerCustomers,
  '/api/v1/partner/reports/sla': partnerReportsSla,
  '/api/v1/partner/reports/usage': partnerReportsUsage,
  '/api/v1/partner/support/tickets/[id]': partnerSupportTicketsId,
  '/api/v1/partner/support/tickets': partnerSupportTickets,
  '/api/v1/plans/[id]/discontinue': plansIdDiscontinue,
  '/api/v1/plans/[id]': plansId,
  '/api/v1/plans/preview': plansPreview,
  '/api/v1/plans': plans,
  '/api/v1/platform/features/[key]/early-access': platformFeaturesKeyEarlyAccess,
  '/api/v1/platform/features/[key]': platformFeaturesKey,
  '/api/v1/platform/features': platformFeatures,
  '/api/v1/policies/[type]': policiesType,
  '/api/v1/policies': policies,
  '/api/v1/rate-limits': rateLimits,
  '/api/v1/reports/sla': reportsSla,
  '/api/v1/reports/usage': reportsUsage,
  '/api/v1/roles/[id]': rolesId,
  '/api/v1/roles': roles,
  '/api/v1/sessions/[id]': sessionsId,
  '/api/v1/sessions': sessions,
  '/api/v1/signup': signup,
  '/api/v1/subscriptions/[id]/approve': subscriptionsIdApprove,
  '/api/v1/subscriptions/[id]/cancel': subscriptionsIdCancel,
  '/api/v1/subscriptions/[id]/code': subscriptionsIdCode,
  '/api/v1/subscriptions/[id]/confirm': subscriptionsIdConfirm,
  '/api/v1/subscriptions/[id]/reject': subscriptionsIdReject,
  '/api/v1/subscriptions/[id]/resume': subscriptionsIdResume,
  '/api/v1/subscriptions/[id]': subscriptionsId,
  '/api/v1/subscriptions/[id]/suspend': subscriptionsIdSuspend,
  '/api/v1/subscriptions/[id]/withdraw': subscriptionsIdWithdraw,
  '/api/v1/subscriptions': subscriptions,
  '/api/v1/tenants/[id]/data': tenantsIdData,
  '/api/v1/tenants/[id]/exports/[exportId]': tenantsIdExportsExportId,
  '/api/v1/tenants/[id]/exports': tenantsIdExports,
  '/api/v1/tenants/[id]/links/[linkId]/revoke': tenantsIdLinksLinkIdRevoke,
  '/api/v1/tenants/[id]/links': tenantsIdLinks,
  '/api/v1/tenants/[id]/rate-limits': tenantsIdRateLimits,
  '/api/v1/tenants/[id]/reactivate': tenantsIdReactivate,
  '/api/v1/tenants/[id]': tenantsId,
  '/api/v1/tenants/[id]/stop': tenantsIdStop,
  '/api/v1/tenants': tenants,
  '/api/v1/tickets/[id]/comments': ticketsIdComments,
  '/api/v1/tickets/[id]': ticketsId,
  '/api/v1/tickets': tickets,
  '/api/v1/users/[id]/permissions': usersIdPermissions,
  '/api/v1/users/[id]/roles': usersIdRoles,
  '/api/v1/users/[id]': usersId,
  '/api/v1/users/[id]/subscription': usersIdSubscription,
  '/api/v1/users/[id]/type-history': usersIdTypeHistory,
  '/api/v1/users/[id]/type': usersIdType,
  '/api/v1/users/[id]/unlock': usersIdUnlock,
  '/api/v1/users/export': usersExport,
  '/api/v1/users/locked': usersLocked,
  '/api/v1/users': users,
  '/api/v1/webhooks/[id]/deliveries': webhooksIdDeliveries,
  '/api/v1/webhooks/[id]': webhooksId,
  '/api/v1/webhooks/[id]/test': webhooksIdTest,
  '/api/v1/webhooks': webhooks,
};
