import { z } from './zod';
import { idSchema } from './common';

/** Days a tenant stays stopped before its data may be deleted. */
export const DELETE_AFTER_STOPPED_DAYS = 30;

export const tenantExportParamsSchema = z.object({ id: idSchema, exportId: idSchema });
export const deleteTenantDataSchema = z.object({ confirm: z.string().trim().min(1, "Type the tenant's slug to confirm.").max(40) });

export type TenantExportDto = {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  requestedBy: string;
  tables: number | null;
  rows: number | null;
  sizeBytes: number | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
};
