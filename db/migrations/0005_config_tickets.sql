CREATE TYPE "public"."breach_action" AS ENUM('warn', 'throttle', 'idle');--> statement-breakpoint
CREATE TYPE "public"."feature_stage" AS ENUM('off', 'beta', 'ga');--> statement-breakpoint
CREATE TYPE "public"."ticket_priority" AS ENUM('low', 'normal', 'high', 'urgent');--> statement-breakpoint
CREATE TYPE "public"."ticket_status" AS ENUM('open', 'pending', 'resolved', 'closed');--> statement-breakpoint
CREATE TABLE "feature_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"stage" "feature_stage" NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rate_limit_counters" (
	"key" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "rate_limit_counters_key_window_start_pk" PRIMARY KEY("key","window_start")
);
--> statement-breakpoint
CREATE TABLE "tenant_features" (
	"tenant_id" uuid NOT NULL,
	"key" text NOT NULL,
	"early_access" boolean DEFAULT false NOT NULL,
	"enabled" boolean,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tenant_features_tenant_id_key_pk" PRIMARY KEY("tenant_id","key")
);
--> statement-breakpoint
CREATE TABLE "tenant_policies" (
	"tenant_id" uuid NOT NULL,
	"user_type" "user_type" NOT NULL,
	"inactivity_timeout_minutes" integer,
	"ops_per_day" integer,
	"ops_per_week" integer,
	"breach_action" "breach_action" DEFAULT 'warn' NOT NULL,
	"max_concurrent_sessions" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tenant_policies_tenant_id_user_type_pk" PRIMARY KEY("tenant_id","user_type"),
	CONSTRAINT "tenant_policies_not_guest" CHECK ("tenant_policies"."user_type" <> 'guest'),
	CONSTRAINT "tenant_policies_timeout" CHECK ("tenant_policies"."inactivity_timeout_minutes" is null or "tenant_policies"."inactivity_timeout_minutes" between 5 and 1440),
	CONSTRAINT "tenant_policies_ops" CHECK (("tenant_policies"."ops_per_day" is null or "tenant_policies"."ops_per_day" > 0) and ("tenant_policies"."ops_per_week" is null or "tenant_policies"."ops_per_week" > 0)),
	CONSTRAINT "tenant_policies_sessions" CHECK ("tenant_policies"."max_concurrent_sessions" is null or "tenant_policies"."max_concurrent_sessions" between 1 and 100)
);
--> statement-breakpoint
CREATE TABLE "tenant_rate_limits" (
	"tenant_id" uuid NOT NULL,
	"list_per_minute" integer NOT NULL,
	"detail_per_minute" integer NOT NULL,
	"write_per_minute" integer NOT NULL,
	"export_per_hour" integer NOT NULL,
	"link_per_minute" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tenant_rate_limits_tenant_id_pk" PRIMARY KEY("tenant_id")
);
--> statement-breakpoint
CREATE TABLE "usage_operations" (
	"tenant_id" uuid NOT NULL,
	"id" bigserial NOT NULL,
	"user_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "usage_operations_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "ticket_counters" (
	"tenant_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "ticket_counters_tenant_id_year_pk" PRIMARY KEY("tenant_id","year"),
	CONSTRAINT "ticket_counters_range" CHECK ("ticket_counters"."last" between 1 and 99999)
);
--> statement-breakpoint
CREATE TABLE "tickets" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"subject" text NOT NULL,
	"description" text NOT NULL,
	"priority" "ticket_priority" DEFAULT 'normal' NOT NULL,
	"category" text,
	"status" "ticket_status" DEFAULT 'open' NOT NULL,
	"requester_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tickets_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "tenant_features" ADD CONSTRAINT "tenant_features_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_policies" ADD CONSTRAINT "tenant_policies_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_rate_limits" ADD CONSTRAINT "tenant_rate_limits_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_operations" ADD CONSTRAINT "usage_operations_user_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_counters" ADD CONSTRAINT "ticket_counters_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_requester_fk" FOREIGN KEY ("tenant_id","requester_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rate_limit_counters_window_idx" ON "rate_limit_counters" USING btree ("window_start");--> statement-breakpoint
-- Counters live a few minutes: no WAL, so a request's increment commits without a disk flush.
-- A crash or a failover starts every window from zero, which a rate limiter can afford.
ALTER TABLE "rate_limit_counters" SET UNLOGGED;--> statement-breakpoint
CREATE INDEX "usage_operations_user_at_idx" ON "usage_operations" USING btree ("tenant_id","user_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "tickets_tenant_number_key" ON "tickets" USING btree ("tenant_id","number");--> statement-breakpoint
CREATE INDEX "tickets_tenant_created_idx" ON "tickets" USING btree ("tenant_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['tenant_features', 'tenant_policies', 'tenant_rate_limits', 'usage_operations', 'ticket_counters', 'tickets']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format($p$
      CREATE POLICY tenant_isolation ON %I
        USING (tenant_id = ANY (ARRAY(SELECT unnest(nullif(current_setting('app.tenant_ids', true), '')::uuid[]))))
        WITH CHECK (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid))
    $p$, t);
  END LOOP;
END $$;
--> statement-breakpoint
-- Which tenants have early access to which feature, for the platform's feature page: pairs only,
-- never a tenant's toggles or other configuration.
CREATE FUNCTION feature_early_access() RETURNS TABLE (tenant_id uuid, key text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT f.tenant_id, f.key FROM tenant_features f WHERE f.early_access
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION feature_early_access() FROM PUBLIC;
