import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden } from 'next/navigation';
import { tenantPage } from '@/lib/auth/page';
import { IMPORT_INVITE_DAYS } from '@/lib/data/user-import';
import { can } from '@/lib/rbac';
import { IMPORT_LIMITS, importableTypes } from '@/lib/validation/user-import';
import { ImportUsersForm } from '../_components/import-users-form';

export const metadata: Metadata = { title: 'Import users' };

/** Import end users from a CSV file: check it first (dry run), then import; every row reported. */
export default async function ImportUsersPage({ params }: { params: Promise<{ tenant: string }> }) {
  const ctx = await tenantPage({ params, workspace: 'users' });
  if (!can(ctx, 'users.write')) forbidden();
  const slug = ctx.activeTenant.slug;
  return (
    <div className="space-y-4">
      <Link href={`/t/${slug}/users`} prefetch={false} className="text-sm underline">
        Users
      </Link>
      <h1 className="text-2xl font-semibold">Import users into {ctx.activeTenant.name}</h1>
      <div className="text-muted-foreground max-w-3xl space-y-2 text-sm">
        <p>
          A CSV file whose first line names the columns <code>email</code>, <code>name</code> and,
          optionally, <code>type</code> ({importableTypes.join(', ')}; empty means guest). Customers
          get their type&apos;s role; staff (<code>admin</code>) get no role until you give them one on
          their page. Up to {IMPORT_LIMITS.rows} rows and {IMPORT_LIMITS.bytes / 1000} kB at a time.
        </p>
        <p>
          <strong>Check</strong> reports what each row would do and changes nothing.{' '}
          <strong>Import</strong> creates the accounts: each person gets a mail with a link to
          choose their password (it works for {IMPORT_INVITE_DAYS} days). Addresses that already
          have an account here are left as they are; a bad row is reported and the others are
          imported.
        </p>
        <p>
          <Link href="/help/migration#import-your-users" prefetch={false} className="underline">
            How the import works
          </Link>
        </p>
      </div>
      <ImportUsersForm slug={slug} />
    </div>
  );
}
