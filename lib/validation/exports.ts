/** What every CSV export of the portal is, as the API and the Exports panel show it. */
export type ExportKind = 'invoices' | 'users' | 'audit';

export type ExportStatus = 'queued' | 'running' | 'ready' | 'failed' | 'cancelled' | 'expired';
/** Expired is derived from expiresAt; downloadUrl is set only when ready. */
export type ExportDto = {
  id: string;
  kind: ExportKind;
  status: ExportStatus;
  scope: string;
  fileName: string;
  totalRows: number | null;
  doneRows: number;
  sizeBytes: number;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  expiresAt: string;
  downloadUrl: string | null;
};

