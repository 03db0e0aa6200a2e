import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** A signing secret as the Standard Webhooks specification writes it: `whsec_` and 32 random bytes in base64. */
export const newWebhookSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `msg_` and a ULID (time-ordered, 26 characters): the `webhook-id` of a message, the same on every attempt. */
export function newMessageId(now = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32]! + time;
    t = Math.floor(t / 32);
  }
  const random = [...randomBytes(16)].map((b) => CROCKFORD[b % 32]).join('');
  return `msg_${time}${random}`;
}

/**
 * The three headers of a delivery: `webhook-id`, `webhook-timestamp` (this attempt's, in unix
 * seconds) and `webhook-signature` (`v1,<base64 HMAC-SHA256>` of `id.timestamp.body`, once per
 * secret, space-separated: after a rotation both the new and the old secret sign for 24 h).
 */
export function signatureHeaders(id: string, body: string, secrets: readonly string[], at = new Date()): Record<string, string> {
  const signature = secrets.map((s) => new Webhook(s).sign(id, at, body)).join(' ');
  return { 'webhook-id': id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': signature };
}
