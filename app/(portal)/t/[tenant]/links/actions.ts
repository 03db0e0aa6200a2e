'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { tenantAction } from '@/lib/api/action';
import { decideLink, requestLink, revokeAllLinks, revokeLink } from '@/lib/data/links';
import { decideLinkSchema, linkIdSchema, requestLinkSchema } from '@/lib/validation/links';

const refresh = (slug: string) => revalidatePath(`/t/${slug}/links`);

export const requestLinkAction = tenantAction({ permission: 'links.manage', input: requestLinkSchema }, async (ctx, input) => {
  const link = await requestLink(ctx, input);
  refresh(ctx.homeTenant.slug);
  return link;
});

export const decideLinkAction = tenantAction({ permission: 'links.manage', input: decideLinkSchema }, async (ctx, input) => {
  const link = await decideLink(ctx, input);
  refresh(ctx.homeTenant.slug);
  return link;
});

export const revokeLinkAction = tenantAction({ permission: 'links.manage', input: linkIdSchema }, async (ctx, input) => {
  const link = await revokeLink(ctx, input);
  refresh(ctx.homeTenant.slug);
  return link;
});

export const revokeAllLinksAction = tenantAction({ permission: 'links.manage', input: z.object({}) }, async (ctx) => {
  const result = await revokeAllLinks(ctx);
  refresh(ctx.homeTenant.slug);
  return result;
});
