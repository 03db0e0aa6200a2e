'use server';

import { z } from 'zod';
import { tenantAction } from '@/lib/api/action';
import { decideLink, requestLink, revokeAllLinks, revokeLink } from '@/lib/data/links';
import { decideLinkSchema, linkIdSchema, requestLinkSchema } from '@/lib/validation/links';

const spec = { permission: 'links.manage', revalidate: 'links' } as const;

export const requestLinkAction = tenantAction({ ...spec, input: requestLinkSchema }, requestLink);
export const decideLinkAction = tenantAction({ ...spec, input: decideLinkSchema }, decideLink);
export const revokeLinkAction = tenantAction({ ...spec, input: linkIdSchema }, revokeLink);
export const revokeAllLinksAction = tenantAction({ ...spec, input: z.object({}) }, (ctx) => revokeAllLinks(ctx));
