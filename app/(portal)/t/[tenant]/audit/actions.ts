'use server';

import { z } from 'zod';
import { tenantAction } from '@/lib/api/action';
import { verifyAuditChain } from '@/lib/data/audit-log';

export const verifyChainAction = tenantAction({ permission: 'audit.verify', input: z.object({}), revalidate: 'audit' }, (ctx) => verifyAuditChain(ctx));
