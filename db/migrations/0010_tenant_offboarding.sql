CREATE TABLE "tenant_exports" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"requested_by" text NOT NULL,
	"tables" integer,
	"rows" integer,
	"size_bytes" integer,
	"data" "bytea",
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "tenant_exports_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "tenant_exports_status" CHECK ("tenant_exports"."status" in ('queued', 'running', 'done', 'failed'))
);
--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "stopped_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "deleted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tenant_exports" ADD CONSTRAINT "tenant_exports_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tenant_exports_created_idx" ON "tenant_exports" USING btree ("tenant_id","created_at");--> statement-breakpoint
SELECT enable_tenant_rls('tenant_exports');
--> statement-breakpoint
-- Tenants stopped before this migration: their stop time is their last change.
UPDATE tenants SET stopped_at = updated_at WHERE status = 'stopped' AND stopped_at IS NULL;
--> statement-breakpoint
-- Offboarding: deletes every row of one tenant from every tenant table except its audit trail
-- (audit_events, audit_digests, audit_digest_events stay, so its digest chain still verifies),
-- and clears the registry entry's contact details. Only for a tenant stopped at least
-- p_min_days ago; the runtime role may call it and has no DELETE on most of these tables
-- itself. Runs in the tenant's own RLS scope. Tables are emptied in passes, so foreign keys
-- between them need no hand-kept order; a table still refused after ten passes aborts it all.
CREATE OR REPLACE FUNCTION portal_delete_tenant_data(p_tenant uuid, p_min_days int)
RETURNS json LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  t record;
  tbl text;
  remaining text[];
  pending text[];
  n bigint;
  total bigint := 0;
  pass int := 0;
BEGIN
  SELECT status, stopped_at, is_platform, deleted_at INTO t FROM tenants WHERE id = p_tenant FOR UPDATE;
  IF NOT FOUND THEN RETURN json_build_object('outcome', 'not_found'); END IF;
  IF t.is_platform THEN RETURN json_build_object('outcome', 'platform'); END IF;
  IF t.deleted_at IS NOT NULL THEN RETURN json_build_object('outcome', 'already_deleted', 'deletedAt', t.deleted_at); END IF;
  IF t.status <> 'stopped' OR t.stopped_at IS NULL THEN RETURN json_build_object('outcome', 'not_stopped'); END IF;
  IF t.stopped_at > now() - make_interval(days => p_min_days) THEN
    RETURN json_build_object('outcome', 'too_early', 'deletableFrom', t.stopped_at + make_interval(days => p_min_days));
  END IF;

  PERFORM set_config('app.tenant_id', p_tenant::text, true), set_config('app.tenant_ids', '{' || p_tenant::text || '}', true);
  SELECT array_agg(c.table_name::text ORDER BY c.table_name) INTO remaining
  FROM information_schema.columns c
  JOIN information_schema.tables it ON it.table_schema = c.table_schema AND it.table_name = c.table_name
  WHERE c.table_schema = 'public' AND c.column_name = 'tenant_id' AND it.table_type = 'BASE TABLE'
    AND c.table_name NOT IN ('audit_events', 'audit_digests', 'audit_digest_events');

  WHILE cardinality(remaining) > 0 LOOP
    pass := pass + 1;
    IF pass > 10 THEN RAISE EXCEPTION 'tenant data could not be deleted from: %', remaining; END IF;
    pending := '{}';
    FOREACH tbl IN ARRAY remaining LOOP
      BEGIN
        EXECUTE format('DELETE FROM %I WHERE tenant_id = $1', tbl) USING p_tenant;
        GET DIAGNOSTICS n = ROW_COUNT;
        total := total + n;
      EXCEPTION WHEN foreign_key_violation THEN
        pending := pending || tbl;
      END;
    END LOOP;
    remaining := pending;
  END LOOP;

  UPDATE tenants SET deleted_at = now(), contact_email = NULL, legal_name = NULL, updated_at = now() WHERE id = p_tenant;
  RETURN json_build_object('outcome', 'deleted', 'rows', total, 'passes', pass);
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION portal_delete_tenant_data(uuid, int) FROM PUBLIC;
