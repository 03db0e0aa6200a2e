import { z } from 'zod';
import { errorCodes } from '@/lib/errors';
import type { RouteSpec } from './route';

/**
 * The OpenAPI 3.1 document of /api/v1, built from the route modules themselves: each handler made
 * by apiRoute carries its spec (permission, rate class, and the zod schemas it parses params,
 * query and body with), turned into JSON Schema by zod's own z.toJSONSchema. No hand-written copy:
 * a schema changed in a route is changed here. Answers are described by status and the one error
 * shape; their fields are in docs/api.md.
 */

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
type Method = (typeof METHODS)[number];

type JsonSchema = Record<string, unknown>;
type Operation = Record<string, unknown>;

const toSchema = (schema: z.ZodType): JsonSchema => {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return rest;
};

/** Query or path parameters from an object schema: one parameter per property. */
function parametersOf(schema: z.ZodType | undefined, where: 'query' | 'path'): Operation[] {
  if (!schema) return [];
  const json = toSchema(schema);
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required as string[] | undefined) ?? []);
  return Object.entries(properties).map(([name, s]) => ({ name, in: where, required: where === 'path' || required.has(name), schema: s, ...(s.description ? { description: s.description } : {}) }));
}

/** `/api/v1/users/[id]` → `/api/v1/users/{id}`. */
export const openApiPath = (pattern: string) => pattern.replace(/\[(?:\.\.\.)?([^\]]+)\]/g, '{$1}');

const errorRef = { $ref: '#/components/responses/Error' };

function operation(method: Method, path: string, spec: RouteSpec | undefined): Operation {
  const op: Operation = {
    operationId: `${method.toLowerCase()}${path.replace(/^\/api\/v1/, '').replace(/[{}]/g, '').replace(/[/[\]-](\w)/g, (_, c: string) => c.toUpperCase())}`,
    tags: [path.split('/')[3] ?? 'api'],
  };
  if (!spec) {
    // A public endpoint (sign-up): no credentials, the one error shape.
    return { ...op, summary: `${method} ${path} (public)`, security: [], responses: { '2XX': { description: 'Success.' }, default: errorRef } };
  }
  const params = [...parametersOf(spec.params, 'path'), ...parametersOf(spec.query, 'query'), { $ref: '#/components/parameters/ActiveTenant' }];
  return {
    ...op,
    summary: `${method} ${path}`,
    description: `Needs \`${spec.permission}\` in the active tenant (the caller's home, or the tenant named by X-Active-Tenant-Id through a live link).`,
    'x-permission': spec.permission,
    ...(spec.rate ? { 'x-rate-class': spec.rate } : {}),
    parameters: params,
    ...(spec.body ? { requestBody: { required: true, content: { 'application/json': { schema: toSchema(spec.body) } } } } : {}),
    responses: {
      '2XX': { description: 'Success: the resource as docs/api.md describes it.', content: { 'application/json': { schema: { type: 'object' } } } },
      '401': errorRef,
      '403': errorRef,
      '404': errorRef,
      '422': errorRef,
      '429': errorRef,
      default: errorRef,
    },
  };
}

const specOf = (handler: unknown): RouteSpec | undefined => (handler as { spec?: RouteSpec } | undefined)?.spec;

/** Every method every module exports, as `METHOD /api/v1/...` (what the document names). */
export function operationsOf(modules: Record<string, Record<string, unknown>>): string[] {
  return Object.entries(modules)
    .flatMap(([pattern, mod]) => METHODS.filter((m) => typeof mod[m] === 'function').map((m) => `${m} ${pattern}`))
    .sort();
}

export function buildOpenApi(modules: Record<string, Record<string, unknown>>, serverUrl = '/'): Record<string, unknown> {
  const paths: Record<string, Record<string, Operation>> = {};
  for (const [pattern, mod] of Object.entries(modules).sort(([a], [b]) => a.localeCompare(b))) {
    const path = openApiPath(pattern);
    for (const method of METHODS) {
      const handler = mod[method];
      if (typeof handler !== 'function') continue;
      (paths[path] ??= {})[method.toLowerCase()] = operation(method, path, specOf(handler));
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Partner Portal API',
      version: '1',
      description:
        'Multi-tenant partner portal. Authenticate with an API key (Bearer, or Basic with the key id and secret) or the browser session cookie. Errors share one shape: { error: { code, message, details, requestId } }.',
    },
    servers: [{ url: serverUrl }],
    security: [{ bearerAuth: [] }, { basicAuth: [] }, { sessionCookie: [] }],
    paths,
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API key: pp_live_<id>_<secret> (Settings > API keys).' },
        basicAuth: { type: 'http', scheme: 'basic', description: "An API key's id (pp_live_<id>) as user and its secret as password." },
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'next-auth.session-token', description: 'The browser session (writes also need a same-origin Origin).' },
      },
      parameters: {
        ActiveTenant: {
          name: 'X-Active-Tenant-Id',
          in: 'header',
          required: false,
          description: 'Act in a tenant you manage through a live link (its id); without it, your home tenant.',
          schema: { type: 'string', format: 'uuid' },
        },
      },
      responses: {
        Error: { description: 'An error in the one shape.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message', 'requestId'],
              properties: { code: { type: 'string', enum: Object.keys(errorCodes) }, message: { type: 'string' }, details: { type: 'object' }, requestId: { type: 'string' } },
            },
          },
        },
      },
    },
  };
}
