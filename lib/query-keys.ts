/**
 * TanStack Query keys, all starting with the tenant, so switching tenants can never show the
 * previous tenant's cache.
 */
export const queryKeys = {
  tenant: (tenantId: string) => ['t', tenantId] as const,
  users: (tenantId: string, filters: Record<string, unknown> = {}) => ['t', tenantId, 'users', filters] as const,
  user: (tenantId: string, id: string) => ['t', tenantId, 'users', 'detail', id] as const,
  sessions: (tenantId: string) => ['t', tenantId, 'sessions'] as const,
};
