/** What every server action answers; safe to import from client components. */
export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: { code: string; message: string; requestId: string }; fieldErrors?: Record<string, string[]> };
