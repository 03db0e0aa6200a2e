'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useState } from 'react';
import { suspensionReasonLabels } from '@/lib/config/enums';
import type { MySubscriptionDto, SuspensionNotice } from '@/lib/validation/plans';

const day = (iso: string) => new Date(iso).toLocaleDateString('en', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/**
 * SUB-6: while an end user's plan is suspended, every page says why, since when, what is off and
 * when it ends, with the way to resolve it. It cannot be dismissed. The layout renders it with
 * the server's notice for the page it was loaded on; each later page asks again (a suspension
 * or a resume elsewhere shows on the next page).
 */
export function SuspensionBanner({ slug, initial }: { slug: string; initial: SuspensionNotice | null }) {
  const pathname = usePathname();
  const [loadedAt] = useState(pathname);
  const { data } = useQuery({
    queryKey: ['my-suspension', pathname],
    queryFn: async () => {
      const res = await fetch('/api/v1/me/subscription', { headers: { Accept: 'application/json' } });
      if (!res.ok) throw new Error(String(res.status));
      return ((await res.json()) as MySubscriptionDto).suspension;
    },
    // The page it was loaded on already has the server's answer; a new page asks.
    initialData: pathname === loadedAt ? initial : undefined,
    staleTime: 10_000,
    placeholderData: (previous) => previous,
  });
  const notice = data === undefined ? initial : data;
  if (!notice) return null;
  return (
    <section role="alert" aria-label="Subscription suspended" className="border-t border-l-8 border-l-red-700 bg-red-50 px-4 py-3 text-sm text-red-950" data-testid="suspension-banner">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3">
        <div>
          <p>
            <strong>Your {notice.planName} subscription is suspended</strong> ({suspensionReasonLabels[notice.reason].toLowerCase()}) since {day(notice.since)}.
            {notice.note ? ` ${notice.note}` : ''}
          </p>
          <p>
            Plan features are off{notice.features.length > 0 ? `: ${notice.features.join(', ')}` : ''}. Unless it is resolved, the subscription ends on <strong>{day(notice.endsAt)}</strong>.
          </p>
        </div>
        <Link href={`/t/${slug}/account/plans`} className="rounded-md bg-red-700 px-3 py-1.5 font-medium text-white hover:bg-red-800">
          Resolve
        </Link>
      </div>
    </section>
  );
}
