import { z } from 'zod';
import { apiRoute } from '@/lib/api/route';
import { previewPlanCards } from '@/lib/data/plans';
import { planUserTypes } from '@/lib/config/enums';

/** "Preview as basic / advanced / company": the cards that type sees. */
export const GET = apiRoute({ permission: 'plans.read', query: z.object({ as: z.enum(planUserTypes) }) }, ({ ctx, query }) => previewPlanCards(ctx, query));
