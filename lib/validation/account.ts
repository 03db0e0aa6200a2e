import { notificationCategories, notificationChannels, type NotificationCategory, type NotificationChannel } from '@/lib/config/notifications';
import { isCommonPassword } from '@/lib/auth/common-passwords';
import {
  advancedToCompanyPolicies,
  basicToAdvancedPolicies,
  kycDocumentTypes,
  kycKinds,
  type KycKind,
  type KycSlot,
  type KycState,
  type KycStatus,
  type UserType,
} from '@/lib/config/enums';
import { sensibleDate } from './dates';
import { resubmissionReasons, type ResubmissionReason } from '@/lib/config/kyc';
import { slugSchema } from './auth';
import { z } from './zod';

/** Every new password: 12 to 1024 characters and not on the common-password list. */
export const newPasswordSchema = z
  .string()
  .min(12, 'Use at least 12 characters.')
  .max(1024, 'Use at most 1024 characters.')
  .refine((p) => !isCommonPassword(p), 'This password is too common. Choose another.');

export const emailSchema = z.string().trim().min(1, 'Enter your email.').max(320).email('Enter a valid email.');
export const nameSchema = z.string().trim().min(1, 'Enter your name.').max(200, 'Use at most 200 characters.');

export const signupSchema = z.object({
  tenant: slugSchema,
  name: nameSchema,
  email: emailSchema,
  password: newPasswordSchema,
  acceptTerms: z.literal(true, { message: 'Accept the terms to continue.' }),
});
export type SignupInput = z.input<typeof signupSchema>;

export const tokenSchema = z.object({ tenant: slugSchema, token: z.string().min(20).max(200) });

export const profileSchema = z.object({ name: nameSchema, email: emailSchema });
export type ProfileInput = z.input<typeof profileSchema>;

export const changePasswordSchema = z
  .object({ current: z.string().min(1, 'Enter your current password.').max(1024), password: newPasswordSchema, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { message: 'The passwords do not match.', path: ['confirm'] });
export type ChangePasswordInput = z.input<typeof changePasswordSchema>;

const isoDate = z.iso.date('Use a date (YYYY-MM-DD).').refine((d) => Number(d.slice(0, 4)) >= 1900 && Number(d.slice(0, 4)) <= 2999, 'Use a real date.');
const optionalText = (max: number) => z.string().trim().max(max, `Use at most ${max} characters.`).optional();

/**
 * The fields of a KYC step. Every field is optional while the attempt is in progress (a step
 * saves what it has); submitting checks that the kind's required fields and files are there.
 */
export const kycFieldsSchema = z.object({
  kind: z.enum(kycKinds).default('identity'),
  legalName: optionalText(200),
  dateOfBirth: isoDate.optional(),
  country: z.string().trim().toLowerCase().regex(/^[a-z]{2}$/, 'Use a two-letter country code (ISO 3166).').optional(),
  address: optionalText(500),
  documentType: z.enum(kycDocumentTypes).optional(),
  documentExpiresOn: isoDate.refine(sensibleDate, 'Use a date between 2000 and 2999.').optional(),
  companyName: optionalText(200),
  registrationNumber: optionalText(100),
  submit: z.boolean().optional(),
});
export type KycFieldsInput = z.input<typeof kycFieldsSchema>;

export { resubmissionReasons, type ResubmissionReason };

export const kycDecisionSchema = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('approve'), documentExpiresOn: isoDate.refine(sensibleDate, 'Use a date between 2000 and 2999.').optional() }),
  z.object({
    decision: z.literal('request_resubmission'),
    reasons: z.array(z.enum(Object.keys(resubmissionReasons) as [ResubmissionReason, ...ResubmissionReason[]])).min(1, 'Pick at least one reason.').max(6),
    note: optionalText(500),
  }),
  z.object({ decision: z.literal('reject'), reason: z.string().trim().min(5, 'Give the reason (at least 5 characters).').max(500) }),
]);
export type KycDecisionInput = z.input<typeof kycDecisionSchema>;

export const kycRevokeSchema = z.object({ reason: z.string().trim().min(5, 'Give the reason (at least 5 characters).').max(500) });



export const upgradeRequestSchema = z.object({ to: z.enum(['advanced', 'company']) });

export const typeChangeSchema = z.object({
  to: z.enum(['guest', 'basic', 'advanced', 'company']),
  reason: z.string().trim().min(5, 'Give the reason (at least 5 characters).').max(500),
});
export type TypeChangeInput = z.input<typeof typeChangeSchema>;

export const upgradeDecisionSchema = z.object({ decision: z.enum(['approve', 'reject']), reason: z.string().trim().max(500).optional() });

export const endUserSettingsSchema = z.object({
  selfSignup: z.boolean(),
  basicToAdvanced: z.enum(basicToAdvancedPolicies),
  advancedToCompany: z.enum(advancedToCompanyPolicies),
  kycRetentionDays: z.coerce.number().int('Use whole days.').min(1, 'At least 1 day.').max(3650, 'At most 3650 days.'),
  expiryDowngrade: z.enum(['guest', 'one_step']),
});
export type EndUserSettings = z.output<typeof endUserSettingsSchema>;
export type EndUserSettingsInput = z.input<typeof endUserSettingsSchema>;

// DTOs

export type KycFileDto = { id: string; slot: KycSlot; fileName: string; contentType: string; sizeBytes: number; purged: boolean };

export type KycSubmissionDto = {
  id: string;
  kind: KycKind;
  status: KycStatus;
  attempt: number;
  legalName: string | null;
  dateOfBirth: string | null;
  country: string | null;
  address: string | null;
  documentType: (typeof kycDocumentTypes)[number] | null;
  documentExpiresOn: string | null;
  companyName: string | null;
  registrationNumber: string | null;
  submittedAt: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  resubmissionReasons: string[];
  files: KycFileDto[];
  createdAt: string;
};

export type MyKycDto = {
  /** The identity check's state (the one that matters for guest -> basic). */
  state: KycState;
  applicable: boolean;
  nextAction: string;
  /** The open or latest attempt of the kind asked for. */
  current: KycSubmissionDto | null;
  /** The first step that still lacks something (0-based), for resuming. */
  resumeStep: number;
  attempts: Array<Pick<KycSubmissionDto, 'id' | 'kind' | 'status' | 'attempt' | 'submittedAt' | 'decidedAt'>>;
};

export type KycQueueItemDto = {
  id: string;
  kind: KycKind;
  status: KycStatus;
  attempt: number;
  applicant: { id: string; name: string; email: string; type: UserType };
  submittedAt: string | null;
  assignee: { id: string; label: string } | null;
};

export type KycReviewDto = KycSubmissionDto & {
  applicant: { id: string; name: string; email: string; type: UserType; status: string };
  assignee: { id: string; label: string } | null;
  decidedBy: string | null;
  earlier: Array<Pick<KycSubmissionDto, 'id' | 'kind' | 'status' | 'attempt' | 'submittedAt' | 'decidedAt' | 'decisionReason' | 'resubmissionReasons'>>;
};

export type UpgradeRequestDto = {
  id: string;
  user: { id: string; name: string; email: string };
  fromType: UserType;
  toType: UserType;
  policy: string;
  status: string;
  submissionId: string | null;
  createdAt: string;
};

export type TypeHistoryDto = {
  id: string;
  fromType: UserType;
  toType: UserType;
  source: 'kyc' | 'upgrade' | 'admin' | 'expiry';
  reason: string | null;
  actor: string | null;
  at: string;
};

export type UsageDto = {
  opsPerDay: number | null;
  opsPerWeek: number | null;
  usedToday: number;
  usedThisWeek: number;
  breachAction: string;
  /** When an idle user's window frees (ISO), and which limit made them idle. */
  idleUntil: string | null;
  idleBecause: 'day' | 'week' | null;
};

export type AccountDto = {
  id: string;
  name: string;
  email: string;
  /** 7 digits: the number to quote to support (the documents' API's `user_id`). */
  customerNumber: string;
  type: UserType;
  status: string;
  emailVerified: boolean;
  pendingEmail: string | null;
  usage: UsageDto;
  kyc: { state: KycState; nextAction: string; documentExpiresOn: string | null };
  upgrade: { to: UserType | null; policy: string | null; pending: UpgradeRequestDto | null; blockedBecause: string | null };
  notifications: NotificationDto[];
};

/** A second-factor code: six digits from the app, or a recovery code (`k7m2q-x9p4t`). */
export const mfaCodeSchema = z.object({
  code: z
    .string()
    .trim()
    .min(1, 'Enter the code.')
    .max(32, 'That is not a code from your app or a recovery code.'),
});
export type MfaCodeInput = z.input<typeof mfaCodeSchema>;

export type MfaStatusDto = {
  enabled: boolean;
  enabledAt: string | null;
  /** Enrolment started (a secret issued) but not confirmed with a code. */
  enrolling: boolean;
  recoveryCodesLeft: number;
  /** The tenant requires a second factor of this user. */
  required: boolean;
};
export type MfaEnrolmentDto = { secret: string; uri: string; qrDataUrl: string };

/** The tenant's sign-in security (Settings): whether staff must use a second factor. */
export const securitySettingsSchema = z.object({ mfaRequired: z.boolean() });
export type SecuritySettings = z.output<typeof securitySettingsSchema>;

const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

/** Notification preferences: a channel per category, the digest's hour (0-23) and time zone. */
export const notificationPreferencesSchema = z.object({
  channels: z.partialRecord(z.enum(notificationCategories), z.enum(notificationChannels, { message: 'A channel is immediate, digest or none.' })).default({}),
  digestHour: z.coerce.number({ message: 'The digest hour is a number.' }).int('The digest hour is a whole hour.').min(0, 'The digest hour is 0 to 23.').max(23, 'The digest hour is 0 to 23.'),
  timeZone: z.string().trim().min(1, 'Choose a time zone.').max(64).refine(isTimeZone, 'Not a time zone this portal knows (use an IANA name such as Europe/Berlin).'),
  /** false unsubscribes from the digest (as the mail's one-click link does); true subscribes again; absent keeps it. */
  digest: z.boolean().optional(),
});
export type NotificationPreferencesInput = z.input<typeof notificationPreferencesSchema>;
export type NotificationPreferencesDto = {
  channels: Record<NotificationCategory, NotificationChannel>;
  digestHour: number;
  timeZone: string;
  digest: boolean;
};
export type NotificationDto = { id: string; kind: string; category: NotificationCategory; title: string; body: string; href: string | null; at: string; read: boolean };

export const markNotificationsSchema = z.object({ ids: z.array(z.uuid({ message: 'Each id is a notification id.' })).max(100, 'At most 100 at once.').optional() });
