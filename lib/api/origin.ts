import { settings } from '@/lib/env';

type HeaderSource = { get(name: string): string | null };

/**
 * Browsers send Origin on every cross-site write. A write may come from the portal's public URL
 * (NEXTAUTH_URL) or the Host it was sent to; X-Forwarded-Host is never trusted, since any client
 * can send it. No Origin (a non-browser client) is not a cross-site request.
 */
export function isCrossSite(headers: HeaderSource): boolean {
  const origin = headers.get('origin');
  if (!origin) return false;
  const allowed = new Set([headers.get('host'), hostOf(settings().NEXTAUTH_URL)].filter(Boolean));
  return !allowed.has(hostOf(origin));
}

function hostOf(url: string | undefined | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}
