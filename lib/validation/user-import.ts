import { z } from 'zod';
import { emailSchema, nameSchema } from './account';

/** What one import may hold: 1,000 rows, 500 kB of CSV (well inside a server action's 1 MB body). */
export const IMPORT_LIMITS = { rows: 1000, bytes: 500_000 } as const;

/**
 * The types an import may give: customers get their type's built-in role; staff (`admin`) get no
 * role at all until someone who may grant roles gives them one (docs/guides/migration.md).
 */
export const importableTypes = ['guest', 'basic', 'advanced', 'company', 'admin'] as const;

export const importUsersSchema = z.object({
  csv: z
    .string()
    .min(1, 'Choose a CSV file or paste its text.')
    .refine(
      (s) => Buffer.byteLength(s, 'utf8') <= IMPORT_LIMITS.bytes,
      `Keep the file under ${IMPORT_LIMITS.bytes / 1000} kB.`,
    ),
  /** True: check every row and report, change nothing. */
  dryRun: z.boolean().default(true),
});
export type ImportUsersInput = z.input<typeof importUsersSchema>;

/** One row of the file: the header names the columns; `type` defaults to guest. */
export const importRowSchema = z.object({
  email: emailSchema,
  name: nameSchema,
  type: z
    .string()
    .trim()
    .toLowerCase()
    .transform((s) => s || 'guest')
    .pipe(
      z.enum(importableTypes, {
        message: `Use one of ${importableTypes.join(', ')} (or leave it empty for guest).`,
      }),
    ),
});

export type ImportRowOutcome = 'created' | 'would_create' | 'exists' | 'invalid';

export type ImportRowResult = {
  /** The row's line in the file (the header is line 1). */
  line: number;
  email: string;
  outcome: ImportRowOutcome;
  /** Why a row was not imported, per column ('row' for the row as a whole). */
  errors: Record<string, string[]>;
  userId: string | null;
};

export type ImportReport = {
  dryRun: boolean;
  rows: ImportRowResult[];
  counts: Record<ImportRowOutcome, number>;
};
