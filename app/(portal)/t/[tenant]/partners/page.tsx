import type { Metadata } from 'next';
import Link from 'next/link';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Input } from '@/components/ui/input';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { firstPageIfBadCursor, tenantPage } from '@/lib/auth/page';
import { listTenants } from '@/lib/data/registry';
import { can } from '@/lib/rbac';
import { firstValues } from '@/lib/validation/common';
import { listTenantsSchema } from '@/lib/validation/registry';
import { RegisterTenantForm } from './_components/register-tenant-form';
import { StatusButton } from './_components/status-button';
import { StatusBadge } from '@/components/ui/status-badge';

export const metadata: Metadata = { title: 'Partners' };

type Props = { params: Promise<{ tenant: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The partner registry: platform operators only. */
export default async function PartnersPage({ params, searchParams }: Props) {
  const ctx = await tenantPage({ params, workspace: 'partners' });
  const parsed = listTenantsSchema.safeParse(firstValues(await searchParams));
  const input = parsed.success ? parsed.data : { limit: 50 };
  const page = await firstPageIfBadCursor((i) => listTenants(ctx, i), input);
  const slug = ctx.activeTenant.slug;
  const manage = can(ctx, 'platform.tenants.manage');

  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">Partners</h1>
      <form role="search" action={`/t/${slug}/partners`} className="mb-4 flex max-w-2xl gap-2">
        <Input name="search" defaultValue={input.search ?? ''} placeholder="Search name or slug" aria-label="Search tenants" />
        <select name="status" defaultValue={input.status ?? ''} aria-label="Status" className="h-9 rounded-md border bg-background px-2 text-sm">
          <option value="">Any status</option>
          <option value="active">active</option>
          <option value="stopped">stopped</option>
        </select>
        <Button type="submit" variant="outline">
          Search
        </Button>
      </form>
      <Table aria-label="Tenants">
        <TableHeader>
          <TableRow>
            <TableHead>Tenant</TableHead>
            <TableHead>Slug</TableHead>
            <TableHead>Status</TableHead>
            <TableHead>Onboarded</TableHead>
            <TableHead className="text-right">Users</TableHead>
            <TableHead className="text-right">Live links</TableHead>
            <TableHead />
          </TableRow>
        </TableHeader>
        <TableBody>
          {page.items.map((t) => (
            <TableRow key={t.id}>
              <TableCell>
                <Link prefetch={false} className="text-primary hover:underline" href={`/t/${slug}/partners/${t.id}`}>
                  {t.name}
                </Link>
              </TableCell>
              <TableCell className="font-mono text-xs">{t.slug}</TableCell>
              <TableCell>
                <StatusBadge value={t.status} />
              </TableCell>
              <TableCell>{t.onboardedOn}</TableCell>
              <TableCell className="text-right">{t.users}</TableCell>
              <TableCell className="text-right">{t.liveLinks}</TableCell>
              <TableCell>{manage && t.id !== ctx.homeTenant.id && <StatusButton slug={slug} id={t.id} name={t.name} status={t.status} />}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {page.nextCursor && (
        <Button asChild variant="outline" size="sm" className="mt-4">
          <Link href={`/t/${slug}/partners?${new URLSearchParams({ ...(input.search ? { search: input.search } : {}), ...(input.status ? { status: input.status } : {}), cursor: page.nextCursor })}`}>
            Next page
          </Link>
        </Button>
      )}
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
