import 'server-only';
import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import { env } from '@/lib/env';

/**
 * One pooled SMTP transport per process, from SMTP_URL. Timeouts keep a server that hangs from
 * holding the sender: no connection or greeting in 10 s, or SMTP_TIMEOUT_SECONDS (30) of silence
 * mid-message, fails the attempt (retried later), never the batch.
 */
let transport: Transporter<SMTPPool.SentMessageInfo> | null = null;

export function mailTransport(): Transporter<SMTPPool.SentMessageInfo> | null {
  const { SMTP_URL: url, SMTP_TIMEOUT_SECONDS: timeout } = env();
  if (!url) return null;
  // nodemailer drops every other option when given `url`, so the URL is taken apart here.
  const u = new URL(url);
  const secure = u.protocol === 'smtps:';
  transport ??= nodemailer.createTransport({
    host: u.hostname.replace(/^\[|\]$/g, ''),
    port: u.port ? Number(u.port) : secure ? 465 : 587,
    secure,
    auth: u.username ? { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } : undefined,
    pool: true,
    maxConnections: 2,
    maxMessages: 100,
    connectionTimeout: Math.min(10, timeout) * 1000,
    greetingTimeout: Math.min(10, timeout) * 1000,
    socketTimeout: timeout * 1000,
  } as SMTPPool.Options);
  return transport;
}

export function closeMailTransport(): void {
  transport?.close();
  transport = null;
}

/** What the server said, for the mail's record: its code and text, or the connection error. */
export function smtpFailure(error: unknown): { message: string; permanent: boolean } {
  const e = error as { responseCode?: number; response?: string; code?: string; message?: string };
  if (typeof e.responseCode === 'number') {
    return { message: `${e.response ?? `${e.responseCode}`}`.slice(0, 500), permanent: e.responseCode >= 500 && e.responseCode < 600 };
  }
  return { message: `${e.code ? `${e.code}: ` : ''}${e.message ?? String(error)}`.slice(0, 500), permanent: false };
}
