import { apiRoute } from '@/lib/api/route';
import { AppError } from '@/lib/errors';
import { compatConfirm } from '@/lib/data/compat';
import { compatConfirmBodySchema, compatUserPlanParamsSchema } from '@/lib/validation/compat';

// The documents' API: confirms the user's signing with the code the user received.
export const POST = apiRoute({ permission: 'subscriptions.write', contract: 'documents', params: compatUserPlanParamsSchema, body: compatConfirmBodySchema }, ({ ctx, params, body }) => {
  if ((body.user_id && body.user_id !== params.user_id) || (body.plan_id && body.plan_id !== params.plan_id)) {
    throw new AppError('VALIDATION_ERROR', 'The body names another user or plan than the path.', { fieldErrors: { body: ['user_id and plan_id, when sent, are the path\'s.'] } });
  }
  return compatConfirm(ctx, params.user_id, params.plan_id, body.confirmation_code);
});
