import type { Metadata } from 'next';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { firstPageIfBadCursor, listParams, tenantPage } from '@/lib/auth/page';
import { listTenants } from '@/lib/data/registry';
import { can } from '@/lib/rbac';
import { firstValues } from '@/lib/validation/common';
import { listTenantsSchema } from '@/lib/validation/registry';
import { RegisterTenantForm } from './_components/register-tenant-form';
import { TenantsTable } from './_components/tenants-table';

export const metadata: Metadata = { title: 'Partners' };

type Props = { params: Promise<{ tenant: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The partner registry: platform operators only. */
export default async function PartnersPage({ params, searchParams }: Props) {
  const ctx = await tenantPage({ params, workspace: 'partners' });
  const raw = firstValues(await searchParams);
  const input = listParams(listTenantsSchema, { search: raw.q, status: raw.status, cursor: raw.cursor, limit: raw.size });
  const page = await firstPageIfBadCursor((i) => listTenants(ctx, i), input);
  const slug = ctx.activeTenant.slug;
  const manage = can(ctx, 'platform.tenants.manage');

  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">Partners</h1>
      <TenantsTable slug={slug} owner={ctx.user.id} homeId={ctx.homeTenant.id} page={page} manage={manage} />
      {manage && (
        <Card className="mt-8">
          <CardHeader>
            <CardTitle>Register a tenant</CardTitle>
          </CardHeader>
          <CardContent>
            <RegisterTenantForm slug={slug} />
          </CardContent>
        </Card>
      )}
    </>
  );
}
