import { describe, expect, it } from 'vitest';
import { resolveContext } from '@/lib/data/context';
import { createRole, deleteRole, explainPermissions, listRoles, setUserRoles, updateRole } from '@/lib/data/roles';
import { listTickets } from '@/lib/data/tickets';
import { ALICE, contextFor, meta, openSession, owner, userId } from '../support/world';

const admin = (slug: string) => contextFor(slug, `admin@${slug}.example`);
const BEN = ['northwind', 'basic@northwind.example'] as const;

describe('roles and permissions', () => {
  it('role edits change what a user can do on their next request', async () => {
    const helpdesk = await createRole(await admin('northwind'), {
      key: 'helpdesk',
      name: 'Helpdesk',
      description: 'Reads tickets.',
      permissions: ['tickets.read', 'account.read'],
    });
    expect(helpdesk).toMatchObject({ builtIn: false, permissions: ['account.read', 'tickets.read'], members: 0 });
    const basicRole = (await listRoles(await admin('northwind'))).find((r) => r.key === 'basic')!;
    await setUserRoles(await admin('northwind'), { userId: await userId(...BEN), roleIds: [basicRole.id, helpdesk.id] });

    const ben = await openSession(...BEN);
    const before = await resolveContext(ben, null, meta);
    expect((await listTickets(before, {})).items.length).toBeGreaterThan(0);

    await updateRole(await admin('northwind'), { id: helpdesk.id, name: 'Helpdesk', permissions: ['account.read'] });
    const after = await resolveContext(ben, null, meta);
    await expect(listTickets(after, {})).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const [audit] = await owner()`select details from audit_events where action = 'role.update' and resource_id = ${helpdesk.id}`;
    expect(audit!.details).toMatchObject({ before: { permissions: ['account.read', 'tickets.read'] }, after: { permissions: ['account.read'] }, removed: ['tickets.read'] });
  });

  it('admin keeps every permission; built-in roles cannot be deleted; custom ones can', async () => {
    const roles = await listRoles(await admin('northwind'));
    const adminRole = roles.find((r) => r.key === 'admin')!;
    await expect(
      updateRole(await admin('northwind'), { id: adminRole.id, name: 'Admin', permissions: adminRole.permissions.filter((p) => p !== 'audit.read') }),
    ).rejects.toMatchObject({ code: 'VALIDATION_ERROR', message: 'The admin role keeps every permission.' });
    await expect(deleteRole(await admin('northwind'), { id: roles.find((r) => r.key === 'support_agent')!.id })).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    const temp = await createRole(await admin('northwind'), { key: 'temp', name: 'Temp', permissions: [] });
    await deleteRole(await admin('northwind'), { id: temp.id });
    expect((await listRoles(await admin('northwind'))).some((r) => r.key === 'temp')).toBe(false);
    await expect(createRole(await admin('northwind'), { key: 'admin', name: 'Second admin', permissions: [] })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('nobody grants a permission they do not hold, and platform permissions exist only in the platform tenant', async () => {
    const managerRole = await createRole(await admin('northwind'), {
      key: 'role_manager',
      name: 'Role manager',
      permissions: ['roles.read', 'roles.write', 'users.read'],
    });
    const adminRole = (await listRoles(await admin('northwind'))).find((r) => r.key === 'admin')!;
    const cora = ['northwind', 'company@northwind.example'] as const;
    await setUserRoles(await admin('northwind'), { userId: await userId(...cora), roleIds: [managerRole.id] });
    const manager = await contextFor(...cora);
    await expect(createRole(manager, { key: 'exporter', name: 'Exporter', permissions: ['audit.export'] })).rejects.toMatchObject({
      message: 'You can only grant permissions you hold yourself.',
    });
    await expect(setUserRoles(manager, { userId: manager.user.id, roleIds: [managerRole.id, adminRole.id] })).rejects.toMatchObject({
      message: 'You can only grant permissions you hold yourself.',
    });
    // Nor can they touch a role or a user beyond their own permissions: no demoting the admin.
    await expect(setUserRoles(manager, { userId: await userId('northwind', 'admin@northwind.example'), roleIds: [] })).rejects.toMatchObject({
      message: 'You can only change the roles of a user whose permissions you hold yourself.',
    });
    const supportAgent = (await listRoles(await admin('northwind'))).find((r) => r.key === 'support_agent')!;
    await expect(updateRole(manager, { id: supportAgent.id, name: 'Support agent', permissions: [] })).rejects.toMatchObject({
      message: 'You can only change a role whose permissions you hold yourself.',
    });
    // Within their own power they work: a role of what they hold, given to a user who holds no more.
    const mine = await createRole(manager, { key: 'reader', name: 'Reader', permissions: ['users.read'] });
    expect(await setUserRoles(manager, { userId: manager.user.id, roleIds: [managerRole.id, mine.id] })).toEqual([
      { key: 'reader', name: 'Reader' },
      { key: 'role_manager', name: 'Role manager' },
    ]);
    await expect(createRole(await admin('northwind'), { key: 'ops', name: 'Ops', permissions: ['platform.tenants.manage'] })).rejects.toMatchObject({
      message: 'These permissions do not exist in this tenant.',
    });
  });

  it('the tenant keeps at least one active admin', async () => {
    const ctx = await admin('globex');
    await expect(setUserRoles(ctx, { userId: ctx.user.id, roleIds: [] })).rejects.toMatchObject({ message: 'The tenant must keep at least one active admin.' });
  });

  it("explains where each permission comes from: roles at home, link role and partner coverage in managed tenants", async () => {
    const ctx = await admin('acme-msp');
    const explained = await explainPermissions(ctx, { userId: await userId(...ALICE) });
    expect(explained.home.find((p) => p.permission === 'partner.billing.read')?.roles).toEqual([{ key: 'partner_msp_full', name: 'Partner MSP full' }]);
    const northwind = explained.links.find((l) => l.managed.slug === 'northwind')!;
    expect(northwind.accessRole).toBe('msp_full');
    expect(northwind.permissions.find((p) => p.permission === 'users.read')?.source).toEqual({
      kind: 'link',
      accessRole: 'msp_full',
      coveredBy: 'partner.provisioning.subscribers.read',
    });
    // The expired fabrikam link grants nothing, so it is not listed.
    expect(explained.links.map((l) => l.managed.slug)).not.toContain('fabrikam');
    const sam = await explainPermissions(ctx, { userId: await userId('acme-msp', 'sam@acme-msp.example') });
    const samNorthwind = sam.links.find((l) => l.managed.slug === 'northwind')!.permissions.map((p) => p.permission);
    expect(samNorthwind).toContain('tickets.read');
    expect(samNorthwind).not.toContain('billing.invoices.read');
    // Another tenant's user is not found here.
    await expect(explainPermissions(ctx, { userId: await userId('globex', 'admin@globex.example') })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
