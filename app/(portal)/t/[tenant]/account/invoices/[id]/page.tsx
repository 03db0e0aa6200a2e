import type { Metadata } from 'next';
import Link from 'next/link';
import { InvoiceView } from '@/components/billing/invoice-view';
import { orNotFound, pageId, tenantPage } from '@/lib/auth/page';
import { requestLocale } from '@/lib/auth/request';
import { TEST_CARDS } from '@/lib/config/billing';
import { getMyInvoice, paymentProvider } from '@/lib/data/billing';
import { can } from '@/lib/rbac';
import { PayForm } from '../_components/pay-form';

export const metadata: Metadata = { title: 'Invoice' };

/** One of the user's invoices, and paying its balance by card when it is open. */
export default async function MyInvoicePage({ params }: { params: Promise<{ tenant: string; id: string }> }) {
  const ctx = await tenantPage({ params, workspace: 'account' });
  const invoice = await orNotFound(getMyInvoice(ctx, { id: await pageId(params) }));
  const slug = ctx.homeTenant.slug;
  const provider = paymentProvider();
  const payable = (invoice.status === 'open' || invoice.status === 'uncollectible') && can(ctx, 'subscriptions.self');
  return (
    <div className="flex flex-col gap-6">
      <p className="text-sm text-muted-foreground">
        <Link className="underline underline-offset-4" href={`/t/${slug}/account`}>
          My account
        </Link>{' '}
        /{' '}
        <Link className="underline underline-offset-4" href={`/t/${slug}/account/invoices`}>
          Invoices
        </Link>
      </p>
      <InvoiceView invoice={invoice} locale={await requestLocale()} showHistory={false} />
      {payable &&
        (provider ? (
          <PayForm
            slug={slug}
            invoice={{ id: invoice.id, number: invoice.number ?? '', balanceMinor: invoice.balanceMinor, currency: invoice.currency }}
            testCards={provider.name === 'test' ? { succeeds: TEST_CARDS.succeeds[0], declined: TEST_CARDS.declined } : null}
          />
        ) : (
          <p className="text-sm">
            {ctx.homeTenant.name} takes payment by bank transfer: use <strong>{invoice.number}</strong> as the reference.
          </p>
        ))}
    </div>
  );
}
