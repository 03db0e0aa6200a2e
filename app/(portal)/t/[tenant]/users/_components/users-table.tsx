import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { Page } from '@/lib/validation/common';
import type { UserDto } from '@/lib/validation/users';

const statusVariant = { active: 'success', idle: 'warning', inactive: 'destructive', signing: 'outline' } as const;

export function UsersTable({ slug, search, page }: { slug: string; search: string; page: Page<UserDto> }) {
  const next = page.nextCursor
    ? `/t/${slug}/users?${new URLSearchParams({ ...(search ? { q: search } : {}), cursor: page.nextCursor })}`
    : null;
  return (
    <div className="flex flex-col gap-4">
      <form role="search" className="flex max-w-md gap-2" action={`/t/${slug}/users`}>
        <Input name="q" defaultValue={search} placeholder="Search name or email" aria-label="Search users" />
        <Button type="submit" variant="outline">
          Search
        </Button>
      </form>
      <Table aria-label="Users">
        <TableHeader>
          <TableRow>
            <TableHead>Name</TableHead>
            <TableHead>Email</TableHead>
            <TableHead>Type</TableHead>
            <TableHead>Status</TableHead>
            <TableHead>Created</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {page.items.map((u) => (
            <TableRow key={u.id}>
              <TableCell>
                <Link prefetch={false} className="text-primary hover:underline" href={`/t/${slug}/users/${u.id}`}>
                  {u.name}
                </Link>
              </TableCell>
              <TableCell>{u.email}</TableCell>
              <TableCell>{u.type}</TableCell>
              <TableCell>
                <Badge variant={statusVariant[u.status]}>{u.status}</Badge>
              </TableCell>
              <TableCell>
                <time dateTime={u.createdAt}>{u.createdAt.slice(0, 10)}</time>
              </TableCell>
            </TableRow>
          ))}
          {page.items.length === 0 && (
            <TableRow>
              <TableCell colSpan={5} className="py-8 text-center text-muted-foreground">
                No users match.
              </TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>
      <div className="flex gap-2">
        {search || page.nextCursor ? (
          <Button asChild variant="outline" size="sm">
            <Link href={`/t/${slug}/users${search ? `?q=${encodeURIComponent(search)}` : ''}`}>First page</Link>
          </Button>
        ) : null}
        {next && (
          <Button asChild variant="outline" size="sm">
            <Link href={next}>Next page</Link>
          </Button>
        )}
      </div>
    </div>
  );
}
