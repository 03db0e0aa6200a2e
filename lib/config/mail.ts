/** Mail delivery (lib/data/internal/mail-send.ts): statuses and the retry schedule. */
export const mailStatuses = ['queued', 'sent', 'failed'] as const;
export type MailStatus = (typeof mailStatuses)[number];

/**
 * Minutes to wait after the n-th failed attempt (a 4xx answer or no answer). After the last the
 * mail is `failed`, as it is at once when the server answers 5xx (it will not take it).
 */
export const MAIL_RETRY_MINUTES = [1, 5, 15, 60, 180, 360] as const;
export const MAIL_MAX_ATTEMPTS = MAIL_RETRY_MINUTES.length + 1;

/** How long a sender holds mail it took; past this another sender may take it again. */
export const MAIL_LEASE_SECONDS = 120;

/** Mails taken per tenant per pass. */
export const MAIL_BATCH = 50;

export function mailRetryDelayMs(attempts: number): number | null {
  const minutes = MAIL_RETRY_MINUTES[attempts - 1];
  return minutes === undefined ? null : minutes * 60_000;
}
