import { apiRoute } from '@/lib/api/route';
import { AppError } from '@/lib/errors';
import { compatSubscribe } from '@/lib/data/compat';
import { compatSubscribeBodySchema, compatUserPlanParamsSchema } from '@/lib/validation/compat';

// The documents' API: opens a signing for the user; the code goes to the user by mail.
export const POST = apiRoute({ permission: 'subscriptions.write', contract: 'documents', params: compatUserPlanParamsSchema, body: compatSubscribeBodySchema }, ({ ctx, params, body }) => {
  if ((body?.user_id && body.user_id !== params.user_id) || (body?.plan_id && body.plan_id !== params.plan_id)) {
    throw new AppError('VALIDATION_ERROR', 'The body names another user or plan than the path.', { fieldErrors: { body: ['user_id and plan_id, when sent, are the path\'s.'] } });
  }
  return compatSubscribe(ctx, params.user_id, params.plan_id);
});
