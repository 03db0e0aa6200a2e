import type { Metadata } from 'next';
import Link from 'next/link';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { orNotFound, pageId, tenantPage } from '@/lib/auth/page';
import { explainPermissions, listRoles } from '@/lib/data/roles';
import { getUserOrThrow } from '@/lib/data/users';
import { getTypeOverview } from '@/lib/data/user-types';
import { userTypeLabels } from '@/lib/config/enums';
import { TypePanel } from './_components/type-panel';
import { AssignPlanForm } from './_components/assign-plan-form';
import { SubscriptionActions } from '../../subscriptions/_components/subscription-actions';
import { listPlans } from '@/lib/data/plans';
import { listSubscriptions } from '@/lib/data/subscriptions';
import { isEligible } from '@/lib/config/subscriptions';
import { can } from '@/lib/rbac';
import type { PermissionSource } from '@/lib/rbac';
import { UserRolesForm } from './_components/user-roles-form';
import { PasswordLinkButton } from './_components/password-link-button';
import { StatusBadge } from '@/components/ui/status-badge';

const sourceText = (s: PermissionSource) =>
  s.kind === 'role' ? 'role' : s.kind === 'link' ? `link role ${s.accessRole}, covered by ${s.coveredBy}` : `delegate override, covered by ${s.coveredBy}`;

export const metadata: Metadata = { title: 'User' };

const sourceLabel = { kyc: 'identity check', upgrade: 'upgrade request', admin: 'by an admin', expiry: 'document expired' } as const;

export default async function UserPage({ params }: { params: Promise<{ tenant: string; id: string }> }) {
  const ctx = await tenantPage({ params, workspace: 'users' });
  const id = await pageId(params);
  const user = await orNotFound(getUserOrThrow(ctx, { id }));
  const types = await getTypeOverview(ctx, { id });
  const subs = user.type !== 'admin' && can(ctx, 'subscriptions.read') ? await listSubscriptions(ctx, { userId: id, limit: 10 }) : null;
  const live = subs?.items.find((s) => s.state !== 'unsigned') ?? null;
  const assignable = subs && !live && can(ctx, 'subscriptions.write') && can(ctx, 'plans.read') ? (await listPlans(ctx, { active: 'true' })).filter((p) => isEligible(user.type, p.availableFor)) : [];
  const explainable = can(ctx, 'roles.read');
  const [roles, explained] = explainable ? await Promise.all([listRoles(ctx), explainPermissions(ctx, { userId: id })]) : [[], null];
  const rows: [string, React.ReactNode][] = [
    ['Email', user.email],
    ['Customer number', <span key="n" className="font-mono">{user.customerNumber}</span>],
    ['Type', userTypeLabels[user.type]],
    ['Status', <StatusBadge key="s" value={user.status} />],
    ['Roles', user.roles.map((r) => r.name).join(', ') || 'None'],
    [
      'Sign-in',
      <div key="p" className="flex flex-col gap-2">
        <span>{user.passwordSet ? 'Password set' : 'No password yet: invited or imported'}</span>
        {can(ctx, 'users.write') && <PasswordLinkButton slug={ctx.activeTenant.slug} id={user.id} email={user.email} />}
      </div>,
    ],
    ['Created', user.createdAt.slice(0, 19).replace('T', ' ')],
    ['Updated', user.updatedAt.slice(0, 19).replace('T', ' ')],
  ];
  return (
    <>
      <Link href={`/t/${ctx.activeTenant.slug}/users`} className="text-sm text-primary hover:underline">
        ← Users
      </Link>
      <Card className="mt-3 max-w-2xl">
        <CardHeader>
          <h1 className="text-lg font-semibold leading-none tracking-tight">{user.name}</h1>
        </CardHeader>
        <CardContent>
          <dl className="grid grid-cols-[8rem_1fr] gap-y-2 text-sm">
            {rows.map(([k, v]) => (
              <div key={k} className="contents">
                <dt className="text-muted-foreground">{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
        </CardContent>
      </Card>
      {user.type !== 'admin' && (
        <Card className="mt-6 max-w-2xl" role="region" aria-label="User type">
          <CardHeader>
            <CardTitle>Type</CardTitle>
          </CardHeader>
          <CardContent className="flex flex-col gap-6 text-sm">
            {can(ctx, 'users.write') && <TypePanel slug={ctx.activeTenant.slug} userId={user.id} name={user.name} type={types.type} options={types.options} />}
            <section aria-labelledby="type-history-title">
              <h2 id="type-history-title" className="mb-2 font-medium">
                History
              </h2>
              {types.history.length === 0 ? (
                <p className="text-muted-foreground">No type changes yet.</p>
              ) : (
                <ol className="flex flex-col gap-3 border-l pl-4">
                  {types.history.map((h) => (
                    <li key={h.id}>
                      <div>
                        <strong>
                          {userTypeLabels[h.fromType]} → {userTypeLabels[h.toType]}
                        </strong>{' '}
                        <span className="text-muted-foreground">({sourceLabel[h.source]})</span>
                      </div>
                      {h.reason && <div>{h.reason}</div>}
                      <div className="text-xs text-muted-foreground">
                        <time dateTime={h.at}>{h.at.slice(0, 16).replace('T', ' ')} UTC</time>
                        {h.actor ? ` · ${h.actor}` : ' · the system'}
                      </div>
                    </li>
                  ))}
                </ol>
              )}
            </section>
          </CardContent>
        </Card>
      )}
      {subs && (
        <Card className="mt-6 max-w-2xl" role="region" aria-label="Subscription">
          <CardHeader>
            <CardTitle>Subscription</CardTitle>
          </CardHeader>
          <CardContent className="flex flex-col gap-4 text-sm">
            <p className="flex flex-wrap items-center gap-2">
              {live ? (
                <>
                  <Link className="underline underline-offset-4" href={`/t/${ctx.activeTenant.slug}/subscriptions/${live.id}`}>
                    {live.plan.name}
                  </Link>
                  <StatusBadge value={live.state} />
                  {live.cancelAtPeriodEnd && <span>cancels {live.currentPeriodEnd?.slice(0, 10)}</span>}
                </>
              ) : (
                <>
                  <StatusBadge value={subs.items.length > 0 ? 'unsigned' : 'absent'} />
                  {subs.items.length > 0 ? `Last plan: ${subs.items[0]!.plan.name}` : 'Never subscribed.'}
                </>
              )}
            </p>
            {live && can(ctx, 'subscriptions.write') && (
              <SubscriptionActions
                slug={ctx.activeTenant.slug}
                subscription={{ id: live.id, state: live.state, awaitingApproval: live.awaitingApproval, cancelAtPeriodEnd: live.cancelAtPeriodEnd, label: `${live.plan.name} of ${user.name}` }}
                tenantName={ctx.activeTenant.name}
                viaLink={ctx.via === 'link'}
              />
            )}
            {assignable.length > 0 && <AssignPlanForm slug={ctx.activeTenant.slug} userId={user.id} name={user.name} plans={assignable.map((p) => ({ id: p.id, name: p.name }))} />}
          </CardContent>
        </Card>
      )}
      {can(ctx, 'roles.write') && (
        <Card className="mt-6 max-w-4xl">
          <CardHeader>
            <CardTitle>Roles</CardTitle>
          </CardHeader>
          <CardContent>
            <UserRolesForm
              slug={ctx.activeTenant.slug}
              userId={user.id}
              roles={roles.map((r) => ({ id: r.id, name: r.name }))}
              assigned={roles.filter((r) => user.roles.some((u) => u.key === r.key)).map((r) => r.id)}
            />
          </CardContent>
        </Card>
      )}
      {explained && (
        <Card className="mt-6 max-w-4xl" role="region" aria-label="Effective permissions">
          <CardHeader>
            <CardTitle>Effective permissions</CardTitle>
          </CardHeader>
          <CardContent className="flex flex-col gap-6 text-sm">
            <section>
              <h2 className="mb-2 font-medium">In {ctx.activeTenant.name}</h2>
              {explained.home.length === 0 && <p className="text-muted-foreground">No permissions.</p>}
              <ul className="grid gap-1 md:grid-cols-2">
                {explained.home.map((p) => (
                  <li key={p.permission}>
                    <span className="font-mono text-xs">{p.permission}</span>
                    <span className="text-muted-foreground"> from {p.roles.map((r) => r.name).join(', ')}</span>
                  </li>
                ))}
              </ul>
            </section>
            {explained.links.map((l) => (
              <section key={l.linkId}>
                <h2 className="mb-2 font-medium">
                  In {l.managed.name} through the {l.accessRole} link
                </h2>
                {l.permissions.length === 0 && <p className="text-muted-foreground">Nothing: their roles cover none of what the link allows.</p>}
                <ul className="grid gap-1 md:grid-cols-2">
                  {l.permissions.map((p) => (
                    <li key={p.permission}>
                      <span className="font-mono text-xs">{p.permission}</span>
                      <span className="text-muted-foreground"> ({sourceText(p.source)})</span>
                    </li>
                  ))}
                </ul>
              </section>
            ))}
          </CardContent>
        </Card>
      )}
    </>
  );
}
