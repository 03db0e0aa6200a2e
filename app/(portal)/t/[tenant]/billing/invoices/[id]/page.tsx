import type { Metadata } from 'next';
import Link from 'next/link';
import { InvoiceView } from '@/components/billing/invoice-view';
import { orNotFound, pageId, tenantPage } from '@/lib/auth/page';
import { requestLocale } from '@/lib/auth/request';
import { getInvoice } from '@/lib/data/billing';
import { can } from '@/lib/rbac';
import { InvoiceActions } from '../../_components/invoice-actions';

export const metadata: Metadata = { title: 'Invoice' };

/** One invoice: lines, payments, history, where it stands in dunning; record a payment, void, mark uncollectible. */
export default async function InvoicePage({ params }: { params: Promise<{ tenant: string; id: string }> }) {
  const ctx = await tenantPage({ params, workspace: 'billing' });
  const invoice = await orNotFound(getInvoice(ctx, { id: await pageId(params) }));
  const slug = ctx.activeTenant.slug;
  return (
    <div className="flex flex-col gap-6">
      <p className="text-sm text-muted-foreground">
        <Link className="underline underline-offset-4" href={`/t/${slug}/billing`}>
          Billing
        </Link>
        {can(ctx, 'users.read') && (
          <>
            {' · '}
            <Link className="underline underline-offset-4" href={`/t/${slug}/users/${invoice.customer.id}`}>
              {invoice.customer.email}
            </Link>
          </>
        )}
      </p>
      <InvoiceView invoice={invoice} locale={await requestLocale()} />
      {can(ctx, 'billing.invoices.write') && <InvoiceActions slug={slug} invoice={{ id: invoice.id, number: invoice.number ?? '', status: invoice.status, balanceMinor: invoice.balanceMinor, amountPaidMinor: invoice.amountPaidMinor, currency: invoice.currency }} tenantName={ctx.activeTenant.name} viaLink={ctx.via === 'link'} />}
    </div>
  );
}
