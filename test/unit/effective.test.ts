import { describe, expect, it } from 'vitest';
import { effectivePermissions, expand, tenantPermissions } from '@/lib/rbac';
import type { LinkAccessRole } from '@/lib/config/enums';
import { builtInRoles } from '@/lib/config/roles';

const role = (key: string) => new Set<string>(builtInRoles.find((r) => r.key === key)!.permissions);

describe('effective permissions through a link', () => {
  it('gives each staff role on an msp_full link exactly what both allow (written out, not recomputed)', () => {
    const on = (key: string) => [...effectivePermissions(role(key), { accessRole: 'msp_full', customPermissions: {} }).keys()].sort();
    expect(on('partner_msp_full')).toEqual([
      'alerts.manage', 'alerts.read', 'audit.read', 'billing.invoices.export', 'billing.invoices.read', 'billing.invoices.write',
      'billing.payments.read', 'billing.summary.read', 'plans.read', 'reports.export', 'reports.revenue.read',
      'reports.sla.read', 'reports.usage.read', 'subscriptions.read', 'subscriptions.write', 'tickets.comment',
      'tickets.create', 'tickets.read', 'tickets.update', 'users.read', 'users.write',
    ]);
    expect(on('partner_msp_support')).toEqual([
      'alerts.manage', 'alerts.read', 'reports.sla.read', 'reports.usage.read', 'tickets.comment', 'tickets.create', 'tickets.read', 'tickets.update',
    ]);
    expect(on('partner_auditor')).toEqual([
      'alerts.read', 'audit.read', 'billing.invoices.read', 'billing.payments.read', 'billing.summary.read',
      'reports.export', 'reports.revenue.read', 'reports.sla.read', 'reports.usage.read', 'tickets.read',
    ]);
  });

  it('matches the seed matrix for the main pairs', () => {
    const on = (key: string, accessRole: LinkAccessRole) =>
      [...effectivePermissions(role(key), { accessRole, customPermissions: {} }).keys()].sort();
    expect(on('partner_msp_billing', 'msp_full')).toEqual(
      ['billing.invoices.export', 'billing.invoices.read', 'billing.invoices.write', 'billing.payments.read', 'billing.summary.read', 'reports.revenue.read', 'alerts.read', 'alerts.manage'].sort(),
    );
    expect(on('partner_msp_support', 'msp_billing')).toEqual(['alerts.manage', 'alerts.read', 'reports.usage.read']);
    expect(on('partner_msp_full', 'delegate')).toEqual([]);
    expect(on('partner_auditor', 'auditor')).not.toContain('tickets.create');
  });

  it('applies custom denies on any link, and custom grants only on delegate links', () => {
    const full = role('partner_msp_full');
    const denied = effectivePermissions(full, { accessRole: 'msp_full', customPermissions: { 'billing.invoices.export': false } });
    expect(denied.has('billing.invoices.export')).toBe(false);
    expect(denied.has('billing.invoices.read')).toBe(true);
    const notGranted = effectivePermissions(full, { accessRole: 'msp_support', customPermissions: { 'users.read': true } });
    expect(notGranted.has('users.read')).toBe(false);
    const delegate = effectivePermissions(full, { accessRole: 'delegate', customPermissions: { 'users.read': true, 'roles.write': true } });
    expect([...delegate.keys()]).toEqual(['users.read']);
    expect(delegate.get('users.read')).toEqual({ kind: 'override', coveredBy: 'partner.provisioning.subscribers.read' });
  });

  it('grants nothing without partner.tenants.switch_context', () => {
    const noSwitch = new Set([...role('partner_msp_full')].filter((p) => p !== 'partner.tenants.switch_context'));
    expect(effectivePermissions(noSwitch, { accessRole: 'msp_full', customPermissions: {} }).size).toBe(0);
  });

  it('lets a home admin hold every tenant permission at home', () => {
    const perms = effectivePermissions(role('admin'), null);
    for (const p of tenantPermissions) expect(perms.has(p), p).toBe(true);
  });

  it('rejects an unknown permission in a role template', () => {
    expect(() => expand(['users.fly'])).toThrow(/Unknown permission/);
  });
});
