import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import { parse } from 'csv-parse/sync';
import { roles, userRoles, users } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { assertCan } from '@/lib/rbac';
import type { RequestContext } from '@/lib/tenancy/context';
import {
  IMPORT_LIMITS,
  type importableTypes,
  importRowSchema,
  importUsersSchema,
  type ImportReport,
  type ImportRowResult,
  type ImportUsersInput,
} from '@/lib/validation/user-import';
import { recordAudit, recordAudits } from './audit';
import { mailPasswordLinks } from './internal/password-tokens';
import { emitEvents } from './internal/webhook-events';
import { withTenant, type Tx } from './tx';

/** How long an imported user's set-password link works. */
export const IMPORT_INVITE_DAYS = 14;

const COLUMNS = ['email', 'name', 'type'] as const;

/** Rolls the dry run's transaction back, carrying its report out. */
class DryRun extends Error {
  constructor(readonly report: ImportReport) {
    super('dry run');
  }
}

/**
 * Imports users into the active tenant from CSV (columns email, name and optionally type).
 * Every row is checked and reported on its own: a bad row is reported and the others go on. A
 * dry run runs exactly the same statements in a transaction that is then rolled back, so its
 * report is what the real run would do (short of someone else taking an address in between).
 * Each new customer gets the built-in role of their type (staff get none: roles are granted on
 * their page by someone who may), everyone a set-password link by mail; each is
 * audited, and the import itself (a dry run too) is audited with its counts.
 */
export async function importUsers(
  ctx: RequestContext,
  input: ImportUsersInput,
): Promise<ImportReport> {
  assertCan(ctx, 'users.write');
  const { csv, dryRun } = importUsersSchema.parse(input);
  const records = readCsv(csv);
  const rows = checkRows(records);
  let report: ImportReport;
  try {
    report = await withTenant(ctx, async (tx) => {
      const done = await createUsers(tx, ctx, rows);
      await recordAudit(tx, ctx, {
        action: 'users.import',
        resourceType: 'user',
        details: { counts: done.counts, rows: done.rows.length },
      });
      if (dryRun) throw new DryRun(done);
      return done;
    });
  } catch (error) {
    if (!(error instanceof DryRun)) throw error;
    report = {
      dryRun: true,
      rows: error.report.rows.map((r) =>
        r.outcome === 'created' ? { ...r, outcome: 'would_create', userId: null } : r,
      ),
      counts: { ...error.report.counts, would_create: error.report.counts.created, created: 0 },
    };
    await withTenant(ctx, (tx) =>
      recordAudit(tx, ctx, {
        action: 'users.import_checked',
        resourceType: 'user',
        details: { counts: report.counts, rows: report.rows.length },
      }),
    );
  }
  return { ...report, dryRun };
}

type Row = { line: number; raw: Record<string, string> };

/** The file's records under its header; a file that is not CSV, or has no usable header, is refused whole. */
function readCsv(csv: string): Row[] {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  let header: string[] = [];
  try {
    records = parse(csv, {
      bom: true,
      columns: (names: string[]) => (header = names.map((h) => h.trim().toLowerCase())),
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
      to: IMPORT_LIMITS.rows + 1,
    });
  } catch (error) {
    const message =
      error instanceof Error ? error.message.replace(/^Invalid[^:]*:\s*/, '') : 'unreadable';
    throw new AppError('VALIDATION_ERROR', `The file is not valid CSV: ${message}`, {
      fieldErrors: { csv: ['The file is not valid CSV.'] },
    });
  }
  const missing = ['email', 'name'].filter((c) => !header.includes(c));
  const unknown = header.filter((c) => !(COLUMNS as readonly string[]).includes(c));
  if (missing.length > 0 || unknown.length > 0) {
    const why = [
      missing.length ? `missing ${missing.join(', ')}` : '',
      unknown.length ? `unknown ${unknown.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join('; ');
    throw new AppError(
      'VALIDATION_ERROR',
      `The first line must name the columns email, name and (optionally) type: ${why}.`,
      { fieldErrors: { csv: [`Columns: ${why}.`] } },
    );
  }
  if (records.length === 0)
    throw new AppError('VALIDATION_ERROR', 'The file has a header but no rows.', {
      fieldErrors: { csv: ['The file has no rows.'] },
    });
  if (records.length > IMPORT_LIMITS.rows) {
    throw new AppError(
      'VALIDATION_ERROR',
      `Import at most ${IMPORT_LIMITS.rows} rows at a time: split the file.`,
      { fieldErrors: { csv: [`At most ${IMPORT_LIMITS.rows} rows.`] } },
    );
  }
  return records.map((r) => ({ line: r.info.lines, raw: r.record }));
}

type Checked = ImportRowResult & {
  value: { email: string; name: string; type: (typeof importableTypes)[number] } | null;
};

/** Each row against the schema, and against the rows above it (one address once). */
function checkRows(rows: Row[]): Checked[] {
  const seen = new Map<string, number>();
  return rows.map(({ line, raw }) => {
    const email = (raw.email ?? '').trim();
    const parsed = importRowSchema.safeParse({
      email: raw.email ?? '',
      name: raw.name ?? '',
      type: raw.type ?? '',
    });
    if (!parsed.success) {
      const errors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues)
        (errors[String(issue.path[0] ?? 'row')] ??= []).push(issue.message);
      return { line, email, outcome: 'invalid', errors, userId: null, value: null };
    }
    const key = parsed.data.email.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined)
      return {
        line,
        email,
        outcome: 'invalid',
        errors: { email: [`The same address is on line ${first}.`] },
        userId: null,
        value: null,
      };
    seen.set(key, line);
    return {
      line,
      email: parsed.data.email,
      outcome: 'created',
      errors: {},
      userId: null,
      value: parsed.data,
    };
  });
}

async function createUsers(
  tx: Tx,
  ctx: RequestContext,
  rows: Checked[],
): Promise<ImportReport> {
  const tenant = ctx.activeTenant;
  const valid = rows.filter((r) => r.value);
  // One insert for every good row; an address already here (any case) is skipped by the unique index.
  const inserted = valid.length
    ? await tx
        .insert(users)
        .values(
          valid.map((r) => ({
            tenantId: tenant.id,
            email: r.value!.email,
            name: r.value!.name,
            type: r.value!.type,
            status: 'active' as const,
          })),
        )
        .onConflictDoNothing()
        .returning({ id: users.id, email: users.email, type: users.type })
    : [];
  const idOf = new Map(inserted.map((u) => [u.email.toLowerCase(), u]));
  const typeRoles = await tx
    .select({ id: roles.id, key: roles.key })
    .from(roles)
    .where(
      and(
        eq(roles.tenantId, tenant.id),
        eq(roles.builtIn, true),
        inArray(roles.key, ['guest', 'basic', 'advanced', 'company']),
      ),
    );
  const roleOf = new Map(typeRoles.map((r) => [r.key, r.id]));
  const created = inserted.filter((u) => roleOf.has(u.type));
  if (created.length)
    await tx
      .insert(userRoles)
      .values(
        created.map((u) => ({ tenantId: tenant.id, userId: u.id, roleId: roleOf.get(u.type)! })),
      );
  if (inserted.length) {
    await mailPasswordLinks(tx, tenant, inserted, {
      days: IMPORT_INVITE_DAYS,
      subject: `Your ${tenant.name} account is ready`,
      intro: `${tenant.name} has moved your account to its new portal.`,
    });
    await recordAudits(
      tx,
      ctx,
      inserted.map((u) => ({ action: 'user.imported', resourceType: 'user', resourceId: u.id, details: { email: u.email, type: u.type } })),
    );
    await emitEvents(
      tx,
      tenant.id,
      'user.created',
      inserted.map((u) => ({ user_id: u.id, user_type: u.type, source: 'import' })),
    );
  }
  const results: ImportRowResult[] = rows.map(({ value, ...r }) => {
    if (!value) return r;
    const user = idOf.get(value.email.toLowerCase());
    return user
      ? { ...r, userId: user.id }
      : {
          ...r,
          outcome: 'exists',
          errors: { email: ['This address already has an account here: left as it is.'] },
        };
  });
  const counts = { created: 0, would_create: 0, exists: 0, invalid: 0 };
  for (const r of results) counts[r.outcome] += 1;
  return { dryRun: false, rows: results, counts };
}
