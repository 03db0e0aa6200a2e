import type { Metadata } from 'next';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { tenantPage } from '@/lib/auth/page';
import { listTenantFeatures } from '@/lib/data/features';
import { getRateLimits, listPolicies } from '@/lib/data/policies';
import { getEndUserSettings } from '@/lib/data/end-user-settings';
import { getSubscriptionSettings } from '@/lib/data/subscriptions';
import { can } from '@/lib/rbac';
import type { PolicyDto, TenantFeatureDto } from '@/lib/validation/config';
import { FeatureToggle } from './_components/feature-toggle';
import { PolicyForm } from './_components/policy-form';
import { EndUserSettingsForm } from './_components/end-user-settings-form';
import { SecuritySettingsForm } from './_components/security-settings-form';
import { getSecuritySettings } from '@/lib/data/mfa';
import { getProviderCode } from '@/lib/data/compat';
import { SubscriptionSettingsForm } from './_components/subscription-settings-form';
import { BillingSettingsForm } from './_components/billing-settings-form';
import { TicketSettingsForm } from './_components/ticket-settings-form';
import { getTicketSettings } from '@/lib/data/tickets';
import { getBillingSettings } from '@/lib/data/billing';

export const metadata: Metadata = { title: 'Settings' };

const reasonText: Record<TenantFeatureDto['reason'], string> = {
  on: 'On',
  tenant_off: 'Turned off here',
  beta_without_early_access: 'Beta: needs early access from the platform',
  stage_off: 'Not released',
};

const limitText = (n: number | null, unit = '') => (n === null ? 'no limit' : `${n}${unit}`);

function policySummary(p: PolicyDto): string {
  const session = p.fixedLifetimeMinutes ? `sessions end ${p.fixedLifetimeMinutes} min after sign-in` : `inactivity timeout ${limitText(p.inactivityTimeoutMinutes, ' min')}`;
  return `${session}; ${limitText(p.opsPerDay)} operations / 24 h, ${limitText(p.opsPerWeek)} / 7 days; on breach: ${p.breachAction}`;
}

/** Features, session and usage policies, and the API limits of the active tenant. */
export default async function SettingsPage({ params }: { params: Promise<{ tenant: string }> }) {
  const ctx = await tenantPage({ params, workspace: 'settings' });
  const [features, policies, limits, endUsers, subscriptionSettings, billingSettings, ticketSettings, security, providerCode] = await Promise.all([
    listTenantFeatures(ctx),
    listPolicies(ctx),
    getRateLimits(ctx),
    getEndUserSettings(ctx),
    getSubscriptionSettings(ctx),
    getBillingSettings(ctx),
    getTicketSettings(ctx),
    getSecuritySettings(ctx),
    getProviderCode(ctx),
  ]);
  const write = can(ctx, 'settings.write');
  const slug = ctx.activeTenant.slug;

  return (
    <>
      <h1 className="mb-1 text-2xl font-semibold">Settings</h1>
      <p className="mb-4 text-sm text-muted-foreground">
        Provider code <span className="font-mono text-foreground">{providerCode}</span> (the documents&apos; API&apos;s <code>provider_id</code>)
      </p>
      <Card className="mb-6">
        <CardHeader>
          <CardTitle>Features</CardTitle>
        </CardHeader>
        <CardContent>
          <Table aria-label="Features">
            <TableHeader>
              <TableRow>
                <TableHead>Feature</TableHead>
                <TableHead>Stage</TableHead>
                <TableHead>Here</TableHead>
                <TableHead />
              </TableRow>
            </TableHeader>
            <TableBody>
              {features.map((f) => (
                <TableRow key={f.key} data-feature={f.key}>
                  <TableCell>
                    <div className="font-medium">{f.name}</div>
                    <div className="text-xs text-muted-foreground">{f.description}</div>
                  </TableCell>
                  <TableCell>
                    <Badge variant={f.stage === 'ga' ? 'success' : f.stage === 'beta' ? 'warning' : 'outline'}>{f.stage}</Badge>
                  </TableCell>
                  <TableCell>
                    <Badge variant={f.enabled ? 'success' : 'outline'}>{reasonText[f.reason]}</Badge>
                  </TableCell>
                  <TableCell>{write && f.mayToggle && <FeatureToggle slug={slug} featureKey={f.key} name={f.name} enabled={f.enabled} />}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </CardContent>
      </Card>

      <Card className="mb-6">
        <CardHeader>
          <CardTitle>Sign-in security</CardTitle>
        </CardHeader>
        <CardContent>
          <SecuritySettingsForm slug={slug} settings={security} readOnly={!write} />
        </CardContent>
      </Card>

      <Card className="mb-6">
        <CardHeader>
          <CardTitle>End users</CardTitle>
        </CardHeader>
        <CardContent>
          <EndUserSettingsForm slug={slug} settings={endUsers} readOnly={!write} />
        </CardContent>
      </Card>

      <Card className="mb-6">
        <CardHeader>
          <CardTitle>Subscriptions</CardTitle>
        </CardHeader>
        <CardContent>
          <SubscriptionSettingsForm slug={slug} settings={subscriptionSettings} readOnly={!write} />
        </CardContent>
      </Card>

      <Card className="mb-6">
        <CardHeader>
          <CardTitle>Billing</CardTitle>
        </CardHeader>
        <CardContent>
          <BillingSettingsForm slug={slug} settings={billingSettings} readOnly={!write} />
        </CardContent>
      </Card>

      <Card className="mb-6">
        <CardHeader>
          <CardTitle>Tickets</CardTitle>
        </CardHeader>
        <CardContent>
          <TicketSettingsForm slug={slug} settings={ticketSettings} readOnly={!write} />
        </CardContent>
      </Card>

      <Card className="mb-6">
        <CardHeader>
          <CardTitle>Session and usage policies</CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col gap-6">
          <p className="text-sm text-muted-foreground">
            An operation is any API call or action a user makes, except viewing or securing their own account, verifying their identity, and signing in. Windows roll: the last 24 hours and the last 7
            days. Changes apply from each user&apos;s next request.
          </p>
          {policies.map((p) => (
            <section key={p.userType} aria-label={`${p.userType} users`}>
              <h2 className="mb-2 flex items-center gap-2 font-medium">
                <span className="capitalize">{p.userType}</span>
                {p.readOnly && <Badge variant="outline">system-wide, read-only</Badge>}
              </h2>
              {p.readOnly || !write ? <p className="text-sm">{policySummary(p)}</p> : <PolicyForm slug={slug} policy={p} />}
            </section>
          ))}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>API rate limits</CardTitle>
        </CardHeader>
        <CardContent className="text-sm">
          <p className="mb-2 text-muted-foreground">Per user and kind of call; set by the platform operators{limits.customised ? '' : ' (defaults)'}.</p>
          <ul className="grid gap-1 md:grid-cols-2">
            <li>Lists: {limits.listPerMinute} per minute</li>
            <li>Details: {limits.detailPerMinute} per minute</li>
            <li>Writes: {limits.writePerMinute} per minute</li>
            <li>Exports: {limits.exportPerHour} per hour</li>
            <li>Through a link, per managed tenant: {limits.linkPerMinute} per minute</li>
          </ul>
        </CardContent>
      </Card>
    </>
  );
}
