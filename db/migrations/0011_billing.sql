CREATE TABLE "export_chunks" (
	"tenant_id" uuid NOT NULL,
	"export_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"data" "bytea" NOT NULL,
	CONSTRAINT "export_chunks_tenant_id_export_id_seq_pk" PRIMARY KEY("tenant_id","export_id","seq")
);
--> statement-breakpoint
CREATE TABLE "export_jobs" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"params" jsonb NOT NULL,
	"tenant_ids" uuid[] NOT NULL,
	"scope" text NOT NULL,
	"file_name" text NOT NULL,
	"attempt" integer DEFAULT 0 NOT NULL,
	"total_rows" integer,
	"done_rows" integer DEFAULT 0 NOT NULL,
	"size_bytes" bigint DEFAULT 0 NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "export_jobs_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "export_jobs_status" CHECK ("export_jobs"."status" in ('queued', 'running', 'ready', 'failed', 'cancelled')),
	CONSTRAINT "export_jobs_kind" CHECK ("export_jobs"."kind" in ('invoices', 'users', 'audit'))
);
--> statement-breakpoint
CREATE TABLE "invoice_events" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"invoice_id" uuid NOT NULL,
	"event" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"reason" text,
	"actor_user_id" uuid,
	"actor_label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invoice_events_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "invoice_lines" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"invoice_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"description" text NOT NULL,
	"plan_id" uuid,
	"quantity" integer DEFAULT 1 NOT NULL,
	"unit_minor" bigint NOT NULL,
	"amount_minor" bigint NOT NULL,
	"tax_rate_bps" integer NOT NULL,
	"tax_behavior" text NOT NULL,
	"taxable_minor" bigint NOT NULL,
	"tax_minor" bigint NOT NULL,
	CONSTRAINT "invoice_lines_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "invoice_lines_kind" CHECK ("invoice_lines"."kind" in ('charge', 'credit')),
	CONSTRAINT "invoice_lines_sign" CHECK (("invoice_lines"."kind" = 'credit') = ("invoice_lines"."amount_minor" < 0))
);
--> statement-breakpoint
CREATE TABLE "invoices" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"subscription_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"number" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"currency" text NOT NULL,
	"period_start" timestamp with time zone NOT NULL,
	"period_end" timestamp with time zone NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"due_at" timestamp with time zone,
	"subtotal_minor" bigint DEFAULT 0 NOT NULL,
	"tax_minor" bigint DEFAULT 0 NOT NULL,
	"total_minor" bigint DEFAULT 0 NOT NULL,
	"amount_paid_minor" bigint DEFAULT 0 NOT NULL,
	"paid_at" timestamp with time zone,
	"voided_at" timestamp with time zone,
	"void_reason" text,
	"uncollectible_at" timestamp with time zone,
	"dunning_step" smallint DEFAULT 0 NOT NULL,
	"dunning_notice" smallint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invoices_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "invoices_status" CHECK ("invoices"."status" in ('draft', 'open', 'paid', 'void', 'uncollectible')),
	CONSTRAINT "invoices_number" CHECK (("invoices"."status" = 'draft') = ("invoices"."number" is null)),
	CONSTRAINT "invoices_currency" CHECK ("invoices"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "invoices_amounts" CHECK ("invoices"."total_minor" >= 0 and "invoices"."amount_paid_minor" between 0 and "invoices"."total_minor"),
	CONSTRAINT "invoices_period" CHECK ("invoices"."period_end" > "invoices"."period_start")
);
--> statement-breakpoint
CREATE TABLE "number_series" (
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"year" integer NOT NULL,
	"last_value" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "number_series_tenant_id_kind_year_pk" PRIMARY KEY("tenant_id","kind","year")
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"invoice_id" uuid NOT NULL,
	"status" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"method" text NOT NULL,
	"reference" text,
	"provider" text,
	"decline_reason" text,
	"paid_on" date NOT NULL,
	"actor_user_id" uuid,
	"actor_label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payments_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "payments_status" CHECK ("payments"."status" in ('succeeded', 'declined')),
	CONSTRAINT "payments_method" CHECK ("payments"."method" in ('bank_transfer', 'card', 'cash', 'other')),
	CONSTRAINT "payments_amount" CHECK ("payments"."amount_minor" > 0)
);
--> statement-breakpoint
ALTER TABLE "tenant_settings" ADD COLUMN "invoice_prefix" text DEFAULT 'INV' NOT NULL;--> statement-breakpoint
ALTER TABLE "tenant_settings" ADD COLUMN "tax_rate_bps" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "tenant_settings" ADD COLUMN "tax_behavior" text DEFAULT 'exclusive' NOT NULL;--> statement-breakpoint
ALTER TABLE "tenant_settings" ADD COLUMN "payment_terms_days" integer DEFAULT 14 NOT NULL;--> statement-breakpoint
ALTER TABLE "tenant_settings" ADD COLUMN "dunning_warning_days" integer DEFAULT 7 NOT NULL;--> statement-breakpoint
ALTER TABLE "tenant_settings" ADD COLUMN "dunning_suspend_days" integer DEFAULT 14 NOT NULL;--> statement-breakpoint
ALTER TABLE "tenant_settings" ADD COLUMN "dunning_cancel_days" integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE "export_chunks" ADD CONSTRAINT "export_chunks_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "export_chunks" ADD CONSTRAINT "export_chunks_export_fk" FOREIGN KEY ("tenant_id","export_id") REFERENCES "public"."export_jobs"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "export_jobs" ADD CONSTRAINT "export_jobs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "export_jobs" ADD CONSTRAINT "export_jobs_user_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_events" ADD CONSTRAINT "invoice_events_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_events" ADD CONSTRAINT "invoice_events_invoice_fk" FOREIGN KEY ("tenant_id","invoice_id") REFERENCES "public"."invoices"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD CONSTRAINT "invoice_lines_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD CONSTRAINT "invoice_lines_invoice_fk" FOREIGN KEY ("tenant_id","invoice_id") REFERENCES "public"."invoices"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_subscription_fk" FOREIGN KEY ("tenant_id","subscription_id") REFERENCES "public"."subscriptions"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_user_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "number_series" ADD CONSTRAINT "number_series_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_invoice_fk" FOREIGN KEY ("tenant_id","invoice_id") REFERENCES "public"."invoices"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "export_jobs_user_idx" ON "export_jobs" USING btree ("tenant_id","user_id","created_at");--> statement-breakpoint
CREATE INDEX "invoice_events_invoice_idx" ON "invoice_events" USING btree ("tenant_id","invoice_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "invoice_lines_position_key" ON "invoice_lines" USING btree ("tenant_id","invoice_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_period_key" ON "invoices" USING btree ("tenant_id","subscription_id","period_start");--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_number_key" ON "invoices" USING btree ("tenant_id","number");--> statement-breakpoint
CREATE INDEX "invoices_tenant_issued_idx" ON "invoices" USING btree ("tenant_id","issued_at","id");--> statement-breakpoint
CREATE INDEX "invoices_tenant_open_due_idx" ON "invoices" USING btree ("tenant_id","due_at") WHERE "invoices"."status" = 'open';--> statement-breakpoint
CREATE INDEX "invoices_tenant_user_idx" ON "invoices" USING btree ("tenant_id","user_id","issued_at");--> statement-breakpoint
CREATE INDEX "payments_invoice_idx" ON "payments" USING btree ("tenant_id","invoice_id","created_at");--> statement-breakpoint
CREATE INDEX "payments_tenant_created_idx" ON "payments" USING btree ("tenant_id","created_at");--> statement-breakpoint
ALTER TABLE "tenant_settings" ADD CONSTRAINT "tenant_settings_invoice_prefix" CHECK ("tenant_settings"."invoice_prefix" ~ '^[A-Z0-9]{3,12}$');--> statement-breakpoint
ALTER TABLE "tenant_settings" ADD CONSTRAINT "tenant_settings_tax" CHECK ("tenant_settings"."tax_rate_bps" between 0 and 10000 and "tenant_settings"."tax_behavior" in ('exclusive', 'inclusive'));--> statement-breakpoint
ALTER TABLE "tenant_settings" ADD CONSTRAINT "tenant_settings_terms" CHECK ("tenant_settings"."payment_terms_days" between 0 and 365);--> statement-breakpoint
ALTER TABLE "tenant_settings" ADD CONSTRAINT "tenant_settings_dunning" CHECK (0 < "tenant_settings"."dunning_warning_days" and "tenant_settings"."dunning_warning_days" < "tenant_settings"."dunning_suspend_days" and "tenant_settings"."dunning_suspend_days" < "tenant_settings"."dunning_cancel_days" and "tenant_settings"."dunning_cancel_days" <= 365);--> statement-breakpoint
-- Row-level security on every new tenant table, as on the others.
SELECT enable_tenant_rls('invoices'), enable_tenant_rls('invoice_lines'), enable_tenant_rls('payments'), enable_tenant_rls('invoice_events'),
       enable_tenant_rls('number_series'), enable_tenant_rls('export_jobs'), enable_tenant_rls('export_chunks');
--> statement-breakpoint
-- Consolidated reads (a partner's billing over every tenant it bills) audit each link read in its
-- tenant in one statement: the rows go to the tenants of the given links that are live links of
-- the caller's scoped tenant, and nowhere else. Append-only audit rows, nothing else is written.
CREATE OR REPLACE FUNCTION portal_audit_link_reads(p_links uuid[], p_actor_user uuid, p_actor_label text, p_request_id text, p_ip inet,
                                                   p_user_agent text, p_action text, p_resource_type text, p_details jsonb)
RETURNS int LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  home uuid := nullif(current_setting('app.tenant_id', true), '')::uuid;
  r record;
  n int := 0;
BEGIN
  IF home IS NULL THEN RAISE EXCEPTION 'portal_audit_link_reads: no tenant scope'; END IF;
  FOR r IN
    SELECT l.id, l.managed_tenant_id FROM partner_tenant_links l
    WHERE l.id = ANY (p_links) AND l.partner_tenant_id = home AND l.status = 'active'
      AND l.starts_at <= now() AND (l.ends_at IS NULL OR l.ends_at > now())
  LOOP
    PERFORM set_config('app.tenant_id', r.managed_tenant_id::text, true);
    INSERT INTO audit_events (tenant_id, actor_user_id, actor_tenant_id, actor_label, via, link_id, action, resource_type, outcome, request_id, ip, user_agent, details)
    VALUES (r.managed_tenant_id, p_actor_user, home, p_actor_label, 'link', r.id, p_action, p_resource_type, 'success', p_request_id, p_ip, p_user_agent, p_details);
    n := n + 1;
  END LOOP;
  PERFORM set_config('app.tenant_id', home::text, true);
  RETURN n;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION portal_audit_link_reads(uuid[], uuid, text, text, inet, text, text, text, jsonb) FROM PUBLIC;
--> statement-breakpoint
-- Totals for a filter (the summary cards, a list's footer, the consolidated views) read only this
-- index: the tenant and invoice date lead, every column the totals and filters use is included.
-- Kept here rather than in db/schema (drizzle's index builder has no INCLUDE).
CREATE INDEX "invoices_tenant_issued_totals_idx" ON "invoices" ("tenant_id", "issued_at") INCLUDE ("status", "currency", "due_at", "total_minor", "amount_paid_minor");
