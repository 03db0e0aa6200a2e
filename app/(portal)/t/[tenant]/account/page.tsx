import type { Metadata } from 'next';
import Link from 'next/link';
import { UsageMeter } from '@/components/account/usage-meter';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { StatusBadge } from '@/components/ui/status-badge';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { userTypeLabels } from '@/lib/config/enums';
import { tenantPage } from '@/lib/auth/page';
import { getPageFeatures } from '@/lib/auth/request';
import { getAccount } from '@/lib/data/account';
import { getMyMfa } from '@/lib/data/mfa';
import { getMyNotificationPreferences } from '@/lib/data/notifications';
import { listMySessions } from '@/lib/data/sessions';
import { getMySubscription } from '@/lib/data/subscriptions';
import { can } from '@/lib/rbac';
import { MarkReadButton, PasswordForm, ProfileForm, RequestUpgradeButton, ResendVerificationButton } from './_components/account-forms';
import { MfaCard } from './_components/mfa-card';
import { NotificationPreferencesForm } from './_components/notification-preferences-form';
import { RevokeButton } from './_components/revoke-button';

export const metadata: Metadata = { title: 'My account' };

const when = (iso: string) => iso.slice(0, 16).replace('T', ' ') + ' UTC';
/** "14:05 UTC" today, "tomorrow 14:05 UTC", or "3 Dec 14:05 UTC". */
function until(iso: string): string {
  const d = new Date(iso);
  const time = `${iso.slice(11, 16)} UTC`;
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  if (iso.slice(0, 10) === day(0)) return time;
  if (iso.slice(0, 10) === day(1)) return `tomorrow ${time}`;
  return `${d.getUTCDate()} ${d.toLocaleString('en', { month: 'short', timeZone: 'UTC' })} ${time}`;
}

/** The signed-in user's own account: the landing page of every end user. */
export default async function AccountPage({ params }: { params: Promise<{ tenant: string }> }) {
  const ctx = await tenantPage({ params, workspace: 'account' });
  const slug = ctx.homeTenant.slug;
  const manages = can(ctx, 'account.sessions.manage');
  const [account, sessions, plan, mfa, notificationPrefs] = await Promise.all([
    getAccount(ctx),
    manages ? listMySessions(ctx) : Promise.resolve([]),
    getMySubscription(ctx),
    manages && ctx.via === 'home' && !ctx.apiKey ? getMyMfa(ctx) : Promise.resolve(null),
    can(ctx, 'account.write') ? getMyNotificationPreferences(ctx) : Promise.resolve(null),
  ]);
  const { usage, kyc, upgrade } = account;
  const endUser = account.type !== 'admin';
  const unread = account.notifications.filter((n) => !n.read).length;
  const kycHref = `/t/${slug}/account/verify`;
  const support = endUser && can(ctx, 'tickets.self') && (await getPageFeatures(ctx)).has('tickets');

  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="mb-2 text-2xl font-semibold">My account</h1>
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <span>{account.name}</span>
          <span className="text-muted-foreground">{account.email}</span>
          <span className="text-muted-foreground">
            Customer number <span className="font-mono">{account.customerNumber}</span>
          </span>
          <Badge variant="outline" aria-label={`Type: ${userTypeLabels[account.type]}`}>
            {userTypeLabels[account.type]}
          </Badge>
          <StatusBadge value={account.status} />
        </div>
      </div>

      {!account.emailVerified && (
        <Alert variant="info" className="flex flex-col gap-2">
          <strong>Confirm your email to use your account.</strong>
          <span>We sent a link to {account.email}. Until you confirm it you see only this page.</span>
          <ResendVerificationButton slug={slug} />
        </Alert>
      )}

      {ctx.user.mfaPending && (
        <Alert variant="info" className="flex flex-col gap-1">
          <strong>{ctx.homeTenant.name} requires two-factor authentication for staff.</strong>
          <span>
            Set it up under <a className="underline underline-offset-4" href="#two-factor-title">Two-factor authentication</a> below: until then you see only this page.
          </span>
        </Alert>
      )}

      {account.status === 'idle' && (
        <Alert variant="destructive" className="flex flex-col gap-2">
          <strong>
            {usage.idleUntil ? `Idle until ${until(usage.idleUntil)}: ` : 'Idle: '}
            {usage.idleBecause === 'week' ? `weekly limit of ${usage.opsPerWeek} operations reached.` : `daily limit of ${usage.opsPerDay} operations reached.`}
            {account.type === 'guest' && ' Verify your identity to remove the limit.'}
          </strong>
          {account.type === 'guest' && account.emailVerified && (
            <span>
              <Button asChild size="sm">
                <Link href={kycHref}>Verify your identity</Link>
              </Button>
            </span>
          )}
        </Alert>
      )}

      {account.notifications.length > 0 && (
        <Card>
          <CardHeader className="flex flex-row items-center justify-between gap-2">
            <CardTitle>Notices {unread > 0 && <Badge className="ml-1">{unread} new</Badge>}</CardTitle>
            {unread > 0 && <MarkReadButton slug={slug} />}
          </CardHeader>
          <CardContent>
            <ul className="flex flex-col gap-3" aria-label="Notices">
              {account.notifications.map((n) => (
                <li key={n.id} className={n.read ? 'text-muted-foreground' : ''}>
                  <div className="text-sm font-medium">
                    {n.href ? (
                      <Link className="underline underline-offset-4" href={n.href}>
                        {n.title}
                      </Link>
                    ) : (
                      n.title
                    )}
                  </div>
                  <div className="text-sm">{n.body}</div>
                  <div className="text-xs text-muted-foreground">{when(n.at)}</div>
                </li>
              ))}
            </ul>
          </CardContent>
        </Card>
      )}

      {endUser && (
        <div className="grid gap-4 md:grid-cols-2">
          <Card>
            <CardHeader>
              <CardTitle>Usage</CardTitle>
              <CardDescription>Operations in the last 24 hours and the last 7 days.</CardDescription>
            </CardHeader>
            <CardContent className="flex flex-col gap-3">
              <UsageMeter label="Today" used={usage.usedToday} limit={usage.opsPerDay} />
              <UsageMeter label="This week" used={usage.usedThisWeek} limit={usage.opsPerWeek} />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Plan</CardTitle>
              <CardDescription>
                <StatusBadge value={plan.status === 'signing' ? 'signing' : plan.subStatus} />
              </CardDescription>
            </CardHeader>
            <CardContent className="flex flex-col gap-3 text-sm">
              <p>
                {plan.subscription && plan.subscription.state !== 'unsigned'
                  ? `${plan.subscription.plan.name}${plan.subscription.cancelAtPeriodEnd ? `, cancels ${plan.subscription.currentPeriodEnd?.slice(0, 10)}` : ''}`
                  : account.type === 'guest'
                    ? 'Verify your identity to choose a plan.'
                    : 'No plan yet.'}
              </p>
              <span>
                <Button asChild size="sm" variant="outline">
                  <Link href={`/t/${slug}/account/plans`}>{plan.subscription && plan.subscription.state !== 'unsigned' ? 'Your plan' : 'See plans'}</Link>
                </Button>{' '}
                {plan.subStatus !== 'absent' && (
                  <Button asChild size="sm" variant="outline">
                    <Link href={`/t/${slug}/account/invoices`}>Invoices</Link>
                  </Button>
                )}
              </span>
            </CardContent>
          </Card>
          {support && (
            <Card>
              <CardHeader>
                <CardTitle>Support</CardTitle>
                <CardDescription>Questions or a problem with your service: {ctx.homeTenant.name} answers here and by mail.</CardDescription>
              </CardHeader>
              <CardContent>
                <Button asChild size="sm" variant="outline">
                  <Link href={`/t/${slug}/account/tickets`}>Support tickets</Link>
                </Button>
              </CardContent>
            </Card>
          )}
          <Card>
            <CardHeader>
              <CardTitle>Identity verification</CardTitle>
              <CardDescription>
                <StatusBadge value={kyc.state} />
              </CardDescription>
            </CardHeader>
            <CardContent className="flex flex-col gap-3 text-sm">
              <p>{kyc.nextAction}</p>
              {kyc.documentExpiresOn && <p>Your document is valid until {kyc.documentExpiresOn}.</p>}
              {account.emailVerified && (account.type === 'guest' || kyc.state === 'expired') && kyc.state !== 'submitted' && kyc.state !== 'in_review' && kyc.state !== 'rejected' && (
                <span>
                  <Button asChild size="sm">
                    <Link href={`${kycHref}?kind=identity`}>
                      {kyc.state === 'in_progress' ? 'Continue verification' : kyc.state === 'not_started' ? 'Verify your identity' : kyc.state === 'expired' ? 'Re-verify' : 'Send documents again'}
                    </Link>
                  </Button>
                </span>
              )}
              {(kyc.state === 'submitted' || kyc.state === 'in_review') && (
                <Link className="underline underline-offset-4" href={kycHref}>
                  See your submission
                </Link>
              )}
            </CardContent>
          </Card>
          {account.type !== 'guest' && (
            <Card>
              <CardHeader>
                <CardTitle>Upgrade</CardTitle>
                <CardDescription>Your type decides your limits and the plans you can choose.</CardDescription>
              </CardHeader>
              <CardContent className="flex flex-col gap-3 text-sm">
                {upgrade.pending ? (
                  <>
                    <p>
                      Requested: {userTypeLabels[upgrade.pending.toType]} <StatusBadge value="pending" />
                    </p>
                    {upgrade.pending.policy !== 'admin_approval' && !upgrade.pending.submissionId && (
                      <span>
                        <Button asChild size="sm">
                          <Link href={`${kycHref}?kind=${upgrade.pending.policy === 'advanced_kyc' ? 'address' : 'business'}`}>
                            {upgrade.pending.policy === 'advanced_kyc' ? 'Send proof of address' : 'Send business details'}
                          </Link>
                        </Button>
                      </span>
                    )}
                    {upgrade.pending.policy === 'admin_approval' && <p>An administrator will decide, usually within 1 business day.</p>}
                    {upgrade.pending.submissionId && <p>Your documents are in review, usually within 1 business day.</p>}
                  </>
                ) : upgrade.to && (upgrade.to === 'advanced' || upgrade.to === 'company') ? (
                  <>
                    <p>
                      Next: {userTypeLabels[upgrade.to]}.{' '}
                      {upgrade.policy === 'automatic'
                        ? 'This provider upgrades you at once.'
                        : upgrade.policy === 'admin_approval'
                          ? 'An administrator approves it.'
                          : upgrade.policy === 'advanced_kyc'
                            ? 'It needs a proof of address.'
                            : 'It needs your company details and registration document.'}
                    </p>
                    <RequestUpgradeButton slug={slug} to={upgrade.to} label={`Request ${userTypeLabels[upgrade.to]}`} />
                  </>
                ) : (
                  <p>{upgrade.blockedBecause}</p>
                )}
              </CardContent>
            </Card>
          )}
        </div>
      )}

      <div className="grid gap-4 md:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Profile</CardTitle>
            {account.pendingEmail && <CardDescription>Waiting for you to confirm {account.pendingEmail}.</CardDescription>}
          </CardHeader>
          <CardContent>
            <ProfileForm slug={slug} name={account.name} email={account.email} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Password</CardTitle>
          </CardHeader>
          <CardContent>
            <PasswordForm slug={slug} />
          </CardContent>
        </Card>
        {mfa && (
          <Card role="region" aria-labelledby="two-factor-title">
            <CardHeader>
              <CardTitle id="two-factor-title">Two-factor authentication</CardTitle>
              <CardDescription>{mfa.enabled ? <Badge variant="success">On</Badge> : <Badge variant="outline">Off</Badge>}</CardDescription>
            </CardHeader>
            <CardContent>
              <MfaCard slug={slug} status={mfa} />
            </CardContent>
          </Card>
        )}
      </div>

      {notificationPrefs && (
        <section id="notifications" aria-labelledby="notifications-title">
          <h2 id="notifications-title" className="mb-1 text-lg font-semibold">
            Notifications
          </h2>
          <p className="mb-3 text-sm text-muted-foreground">Every notice is in the bell at the top. Choose which are also mailed at once, which wait for your daily digest, and when it comes.</p>
          <NotificationPreferencesForm slug={slug} preferences={notificationPrefs} />
        </section>
      )}

      <section id="sessions" aria-labelledby="sessions-title">
        <h2 id="sessions-title" className="mb-1 text-lg font-semibold">
          Sessions
        </h2>
        <p className="mb-3 text-sm text-muted-foreground">Where you are signed in. Revoking one ends it on its next request.</p>
        <Table aria-label="Sessions">
          <TableHeader>
            <TableRow>
              <TableHead>Started</TableHead>
              <TableHead>Expires</TableHead>
              <TableHead>IP</TableHead>
              <TableHead>Browser</TableHead>
              <TableHead>State</TableHead>
              <TableHead>
                <span className="sr-only">Actions</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {sessions.map((s) => (
              <TableRow key={s.id}>
                <TableCell>{when(s.createdAt)}</TableCell>
                <TableCell>{when(s.expiresAt)}</TableCell>
                <TableCell>{s.ip ?? '—'}</TableCell>
                <TableCell className="max-w-64 truncate" title={s.userAgent ?? ''}>
                  {s.userAgent ?? '—'}
                </TableCell>
                <TableCell>
                  {s.current ? <Badge variant="success">This session</Badge> : s.active ? <Badge>Active</Badge> : <Badge variant="outline">Ended</Badge>}
                </TableCell>
                <TableCell>{s.active && <RevokeButton slug={slug} id={s.id} current={s.current} />}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </section>
    </div>
  );
}
