CREATE TABLE "invoice_day_totals" (
	"tenant_id" uuid NOT NULL,
	"day" date NOT NULL,
	"currency" text NOT NULL,
	"status" text NOT NULL,
	"due_day" date NOT NULL,
	"invoice_count" integer DEFAULT 0 NOT NULL,
	"total_minor" bigint DEFAULT 0 NOT NULL,
	"paid_minor" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "invoice_day_totals_tenant_id_day_currency_status_due_day_pk" PRIMARY KEY("tenant_id","day","currency","status","due_day")
);
--> statement-breakpoint
ALTER TABLE "invoice_day_totals" ADD CONSTRAINT "invoice_day_totals_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- The running totals follow every change to invoices, in the same transaction: statement-level
-- triggers over the statement's transition tables, so a statement touching many invoices (a
-- billing run, a dunning pass) writes each total row once, in key order (no lock-order deadlock
-- between two such statements). An update that changes nothing counted (a dunning step) nets to
-- zero and writes nothing. Drafts count nowhere. A delete (only ever portal_delete_tenant_data)
-- updates rows still there and never creates one, so the deletion leaves nothing behind
-- whichever of the two tables goes first.
CREATE FUNCTION portal_invoice_totals() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO invoice_day_totals AS t (tenant_id, day, currency, status, due_day, invoice_count, total_minor, paid_minor)
    SELECT tenant_id, day, currency, status, due_day, sum(n)::int, sum(total), sum(paid)
    FROM (SELECT tenant_id, (issued_at AT TIME ZONE 'UTC')::date AS day, currency, status, coalesce((due_at AT TIME ZONE 'UTC')::date, date '1970-01-01') AS due_day, 1 AS n, total_minor AS total, amount_paid_minor AS paid FROM new_rows WHERE status <> 'draft') d
    GROUP BY 1, 2, 3, 4, 5
    HAVING sum(n) <> 0 OR sum(total) <> 0 OR sum(paid) <> 0
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (tenant_id, day, currency, status, due_day) DO UPDATE
      SET invoice_count = t.invoice_count + excluded.invoice_count, total_minor = t.total_minor + excluded.total_minor, paid_minor = t.paid_minor + excluded.paid_minor;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO invoice_day_totals AS t (tenant_id, day, currency, status, due_day, invoice_count, total_minor, paid_minor)
    SELECT tenant_id, day, currency, status, due_day, sum(n)::int, sum(total), sum(paid)
    FROM (
      SELECT tenant_id, (issued_at AT TIME ZONE 'UTC')::date AS day, currency, status, coalesce((due_at AT TIME ZONE 'UTC')::date, date '1970-01-01') AS due_day, 1 AS n, total_minor AS total, amount_paid_minor AS paid FROM new_rows WHERE status <> 'draft'
      UNION ALL
      SELECT tenant_id, (issued_at AT TIME ZONE 'UTC')::date AS day, currency, status, coalesce((due_at AT TIME ZONE 'UTC')::date, date '1970-01-01') AS due_day, -1, -total_minor, -amount_paid_minor FROM old_rows WHERE status <> 'draft'
    ) d
    GROUP BY 1, 2, 3, 4, 5
    HAVING sum(n) <> 0 OR sum(total) <> 0 OR sum(paid) <> 0
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (tenant_id, day, currency, status, due_day) DO UPDATE
      SET invoice_count = t.invoice_count + excluded.invoice_count, total_minor = t.total_minor + excluded.total_minor, paid_minor = t.paid_minor + excluded.paid_minor;
  ELSE
    UPDATE invoice_day_totals t
    SET invoice_count = t.invoice_count - d.n, total_minor = t.total_minor - d.total, paid_minor = t.paid_minor - d.paid
    FROM (SELECT tenant_id, (issued_at AT TIME ZONE 'UTC')::date AS day, currency, status, coalesce((due_at AT TIME ZONE 'UTC')::date, date '1970-01-01') AS due_day, count(*)::int AS n, sum(total_minor) AS total, sum(amount_paid_minor) AS paid FROM old_rows WHERE status <> 'draft' GROUP BY 1, 2, 3, 4, 5) d
    WHERE (t.tenant_id, t.day, t.currency, t.status, t.due_day) = (d.tenant_id, d.day, d.currency, d.status, d.due_day);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER invoices_totals_insert AFTER INSERT ON invoices REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION portal_invoice_totals();
--> statement-breakpoint
CREATE TRIGGER invoices_totals_update AFTER UPDATE ON invoices REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION portal_invoice_totals();
--> statement-breakpoint
CREATE TRIGGER invoices_totals_delete AFTER DELETE ON invoices REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION portal_invoice_totals();
--> statement-breakpoint
-- The invoices there already.
INSERT INTO invoice_day_totals (tenant_id, day, currency, status, due_day, invoice_count, total_minor, paid_minor)
SELECT tenant_id, (issued_at AT TIME ZONE 'UTC')::date AS day, currency, status, coalesce((due_at AT TIME ZONE 'UTC')::date, date '1970-01-01') AS due_day, count(*)::int, sum(total_minor), sum(amount_paid_minor)
FROM invoices WHERE status <> 'draft' GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
SELECT enable_tenant_rls('invoice_day_totals');
