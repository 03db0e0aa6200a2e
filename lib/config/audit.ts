/** The Audit page's filters, in its URL under these names (a client table and the server page share them; no zod here). */
export const AUDIT_FILTERS = ['actor', 'partner', 'action', 'resourceType', 'resourceId', 'from', 'to'] as const;
