import { describe, expect, it } from 'vitest';
import { buildOpenApi, openApiPath, operationsOf } from '@/lib/api/openapi';
import { routeModules } from '@/app/api/v1/openapi.json/registry';
import { discoverPermissions, discoverRoutes } from '../../e2e/tenancy/entry-points';

// The document describes the routes the code has: built from the handlers (and their zod
// schemas) of every /api/v1 route file, itself aside.
const SELF = 'GET /api/v1/openapi.json';
const onDisk = discoverRoutes('app/api/v1').filter((r) => r !== SELF);
const doc = buildOpenApi(routeModules) as { openapi: string; paths: Record<string, Record<string, Record<string, unknown>>> };
const documented = Object.entries(doc.paths)
  .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
  .sort();

describe('the OpenAPI document', () => {
  it('names every route handler under app/api/v1, and none that does not exist', () => {
    expect(operationsOf(routeModules)).toEqual(onDisk);
    expect(documented).toEqual(onDisk.map((r) => { const [m, p] = r.split(' '); return `${m} ${openApiPath(p!)}`; }).sort());
  });

  it("carries each route's permission and its request schemas, from the route's own zod", () => {
    const permissions = discoverPermissions();
    for (const route of onDisk) {
      const [method, pattern] = route.split(' ') as [string, string];
      const op = doc.paths[openApiPath(pattern)]![method.toLowerCase()]!;
      if (permissions[route]) expect(op['x-permission'], route).toBe(permissions[route]);
    }
    const createKey = doc.paths['/api/v1/api-keys']!.post!;
    expect(createKey.requestBody).toMatchObject({ content: { 'application/json': { schema: { type: 'object', required: expect.arrayContaining(['name', 'permissions']), properties: { name: { type: 'string', maxLength: 80 } } } } } });
    const users = doc.paths['/api/v1/users']!.get!.parameters as { name: string; in: string }[];
    expect(users.map((p) => p.name)).toEqual(expect.arrayContaining(['search', 'type', 'status', 'limit', 'cursor']));
    const byId = doc.paths['/api/v1/webhooks/{id}']!.patch!;
    expect(byId.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'id', in: 'path', required: true, schema: expect.objectContaining({ format: 'uuid' }) })]));
    expect(doc.openapi).toBe('3.1.0');
    // Serialisable as JSON (what the route answers).
    expect(() => JSON.stringify(doc)).not.toThrow();
  });
});
