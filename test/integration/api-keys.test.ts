import { describe, expect, it } from 'vitest';
import { parseAuthorization } from '@/lib/auth/api-key';
import { createApiKey, listApiKeys, revokeApiKey } from '@/lib/data/api-keys';
import { resolveKeyApiContext } from '@/lib/data/context';
import { listUsers } from '@/lib/data/users';
import { can } from '@/lib/rbac';
import { contextFor, meta, owner, tenantId } from '../support/world';

const ACME_ADMIN = ['acme-msp', 'admin@acme-msp.example'] as const;
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

async function keyContext(header: string, target: { id: string } | null = null) {
  const creds = parseAuthorization(header);
  if (creds === null || creds === 'invalid') throw new Error(`not a key: ${header}`);
  return (await resolveKeyApiContext(creds, target, { ...meta, ip: '203.0.113.9' }, 'list')).ctx;
}

describe('API keys', () => {
  it('is shown once, stored as a hash, and acts as its maker with only the permissions it names', async () => {
    const admin = await contextFor(...ACME_ADMIN);
    const { key, token } = await createApiKey(admin, { name: 'Billing sync', permissions: ['users.read', 'partner.tenants.switch_context', 'partner.provisioning.subscribers.read'] });
    expect(token).toMatch(/^pp_live_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
    expect(key).toMatchObject({ name: 'Billing sync', status: 'active', prefix: token.slice(0, 16), mine: true, lastUsedAt: null });
    // Only a hash of the secret is kept; the token is in no column and the list never carries it.
    const [stored] = await owner()`select * from api_keys where id = ${key.id}`;
    expect(JSON.stringify(stored)).not.toContain(token.slice(41));
    expect(JSON.stringify(await listApiKeys(admin))).not.toContain(token.slice(41));

    const ctx = await keyContext(`Bearer ${token}`);
    expect(ctx.user.email).toBe('admin@acme-msp.example');
    expect(ctx.apiKey).toMatchObject({ id: key.id, name: 'Billing sync' });
    expect(can(ctx, 'users.read')).toBe(true);
    expect(can(ctx, 'users.write')).toBe(false);
    expect(can(ctx, 'api_keys.manage')).toBe(false);
    // The same key over Basic: id as user (pp_live_<hex>, or the UUID), secret as password.
    const [, hex, secret] = /^pp_live_([0-9a-f]{32})_(.+)$/.exec(token)!;
    expect((await keyContext(basic(`pp_live_${hex}`, secret!))).apiKey?.id).toBe(key.id);
    expect((await keyContext(basic(key.id, secret!))).apiKey?.id).toBe(key.id);
    // Its last use, with the caller's address.
    const [used] = await owner()`select last_used_at, host(last_used_ip) as ip from api_keys where id = ${key.id}`;
    expect(used).toMatchObject({ ip: '203.0.113.9' });
    expect(used!.last_used_at).not.toBeNull();

  });

  it('acts in a managed tenant under the link, like its maker', async () => {
    const admin = await contextFor(...ACME_ADMIN);
    const { token } = await createApiKey(admin, { name: 'MSP tools', permissions: ['users.read', 'users.write', 'partner.tenants.switch_context', 'partner.provisioning.subscribers.read'] });
    const northwind = await tenantId('northwind');
    const ctx = await keyContext(`Bearer ${token}`, { id: northwind });
    expect(ctx).toMatchObject({ via: 'link', activeTenant: { slug: 'northwind' } });
    expect(can(ctx, 'users.read')).toBe(true);
    // What it does there is audited in northwind, naming the key.
    await listUsers(ctx, {});
    const events = await owner()`select actor_label, via from audit_events where tenant_id = ${northwind} and action = 'users.list' order by seq desc limit 1`;
    expect(events).toEqual([{ actor_label: 'admin@acme-msp.example (API key "MSP tools")', via: 'link' }]);
    // users.write needs partner.provisioning.subscribers.activate or .suspend at home, which the key does not hold.
    expect(can(ctx, 'users.write')).toBe(false);
    // An unlinked tenant is refused as for the maker's session.
    await expect(keyContext(`Bearer ${token}`, { id: await tenantId('globex') })).rejects.toMatchObject({ code: 'TENANT_ACCESS_DENIED' });
    // Without switch_context in the key, no tenant but home.
    const { token: homeOnly } = await createApiKey(admin, { name: 'Home only', permissions: ['users.read'] });
    await expect(keyContext(`Bearer ${homeOnly}`, { id: northwind })).rejects.toMatchObject({ code: 'TENANT_ACCESS_DENIED' });
  });

  it('refuses a permission its maker lacks, and loses one its maker loses', async () => {
    const agent = await contextFor('northwind', 'admin@northwind.example');
    await expect(createApiKey(agent, { name: 'Too much', permissions: ['platform.tenants.manage'] })).rejects.toMatchObject({ code: 'VALIDATION_ERROR', details: { permissions: ['platform.tenants.manage'] } });
    const { token } = await createApiKey(agent, { name: 'Reader', permissions: ['users.read', 'tickets.read'] });
    expect(can(await keyContext(`Bearer ${token}`), 'tickets.read')).toBe(true);
    // The maker's role no longer grants tickets.read: neither does the key, from the next call.
    await owner()`delete from role_permissions where permission = 'tickets.read' and tenant_id = ${agent.homeTenant.id} and role_id in (select id from roles where key = 'admin')`;
    const after = await keyContext(`Bearer ${token}`);
    expect([can(after, 'users.read'), can(after, 'tickets.read')]).toEqual([true, false]);
    // A deactivated maker: the key stops.
    await owner()`update users set status = 'inactive' where id = ${agent.user.id}`;
    await expect(keyContext(`Bearer ${token}`)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('stops at once when revoked or expired; a wrong secret or a malformed header is refused', async () => {
    const admin = await contextFor(...ACME_ADMIN);
    const { key, token } = await createApiKey(admin, { name: 'Short lived', permissions: ['users.read'] });
    await keyContext(`Bearer ${token}`);
    await expect(keyContext(`Bearer ${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(await revokeApiKey(admin, { id: key.id })).toMatchObject({ status: 'revoked', revokedBy: 'admin@acme-msp.example' });
    await expect(keyContext(`Bearer ${token}`)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });

    const { key: second, token: secondToken } = await createApiKey(admin, { name: 'Dated', permissions: ['users.read'], expiresOn: new Date(Date.now() + 86_400_000 * 3).toISOString().slice(0, 10) });
    expect(second.expiresAt).not.toBeNull();
    await owner()`update api_keys set expires_at = now() - interval '1 second' where id = ${second.id}`;
    await expect(keyContext(`Bearer ${secondToken}`)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect((await listApiKeys(admin)).find((k) => k.id === second.id)?.status).toBe('expired');

    for (const header of ['Bearer nope', 'Bearer pp_live_123_abc', 'Token abc', basic('pp_live_xyz', 'short'), 'Basic !!!']) expect(parseAuthorization(header), header).toBe('invalid');
    expect(parseAuthorization(null)).toBeNull();
    await expect(createApiKey(admin, { name: 'Past', permissions: ['users.read'], expiresOn: '2020-01-01' })).rejects.toThrow(/future date/);
  });

  it("is managed only at home, signed in: another tenant's key is not found, and a key cannot make keys", async () => {
    const admin = await contextFor(...ACME_ADMIN);
    const { key, token } = await createApiKey(admin, { name: 'Acme key', permissions: ['users.read', 'api_keys.manage'] });
    const globex = await contextFor('globex', 'admin@globex.example');
    await expect(revokeApiKey(globex, { id: key.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await listApiKeys(globex)).map((k) => k.id)).not.toContain(key.id);
    const viaKey = await keyContext(`Bearer ${token}`);
    await expect(createApiKey(viaKey, { name: 'Minted', permissions: ['users.read'] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(revokeApiKey(viaKey, { id: key.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const throughLink = await contextFor(...ACME_ADMIN, 'northwind');
    await expect(listApiKeys(throughLink)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
