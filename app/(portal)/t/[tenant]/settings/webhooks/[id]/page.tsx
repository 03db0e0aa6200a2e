import type { Metadata } from 'next';
import Link from 'next/link';
import { orNotFound, pageId, tenantPage } from '@/lib/auth/page';
import { getWebhook, listDeliveries } from '@/lib/data/webhooks';
import { EndpointView } from '../_components/endpoint-view';

export const metadata: Metadata = { title: 'Webhook endpoint' };

/** One endpoint: its settings and actions (test, rotate, turn off, replay), and its deliveries with every attempt. */
export default async function WebhookPage({ params }: { params: Promise<{ tenant: string; id: string }> }) {
  const ctx = await tenantPage({ params, workspace: 'webhooks' });
  const id = await pageId(params);
  const [endpoint, deliveries] = await orNotFound(Promise.all([getWebhook(ctx, { id }), listDeliveries(ctx, { id, limit: 50 })]));
  const slug = ctx.activeTenant.slug;
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href={`/t/${slug}/settings/webhooks`} className="underline-offset-4 hover:underline">
          Webhooks
        </Link>
      </nav>
      <h1 className="mb-4 font-mono text-xl font-semibold break-all">{endpoint.url}</h1>
      <EndpointView slug={slug} endpoint={endpoint} deliveries={deliveries.items} />
    </>
  );
}
