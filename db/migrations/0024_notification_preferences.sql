CREATE TABLE "digest_runs" (
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"local_date" date NOT NULL,
	"items" integer NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "digest_runs_tenant_id_user_id_local_date_pk" PRIMARY KEY("tenant_id","user_id","local_date")
);
--> statement-breakpoint
CREATE TABLE "notification_preferences" (
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"channels" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"digest_hour" smallint DEFAULT 8 NOT NULL,
	"time_zone" text DEFAULT 'UTC' NOT NULL,
	"digest_unsubscribed_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_preferences_tenant_id_user_id_pk" PRIMARY KEY("tenant_id","user_id"),
	CONSTRAINT "notification_preferences_hour" CHECK ("notification_preferences"."digest_hour" between 0 and 23)
);
--> statement-breakpoint
ALTER TABLE "digest_runs" ADD CONSTRAINT "digest_runs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digest_runs" ADD CONSTRAINT "digest_runs_user_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_user_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
SELECT enable_tenant_rls('notification_preferences');
--> statement-breakpoint
SELECT enable_tenant_rls('digest_runs');
--> statement-breakpoint
-- The digest job asks who is due: users (staff by default, anyone who saved preferences) whose
-- chosen hour it is in their time zone, not unsubscribed, without a digest for their local date.
-- SECURITY DEFINER (past RLS) returns ids and the local date only; each digest is then built in
-- its tenants' own scopes.
CREATE FUNCTION portal_digest_due(p_now timestamptz, p_limit int) RETURNS TABLE (tenant_id uuid, user_id uuid, local_date date)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT u.tenant_id, u.id, (p_now AT TIME ZONE coalesce(p.time_zone, 'UTC'))::date
  FROM users u
  JOIN tenants t ON t.id = u.tenant_id AND t.status = 'active' AND NOT t.is_platform
  LEFT JOIN notification_preferences p ON p.tenant_id = u.tenant_id AND p.user_id = u.id
  WHERE u.status <> 'inactive' AND u.email_verified_at IS NOT NULL
    AND (p.user_id IS NOT NULL OR u.type = 'admin')
    AND p.digest_unsubscribed_at IS NULL
    AND extract(hour FROM p_now AT TIME ZONE coalesce(p.time_zone, 'UTC')) = coalesce(p.digest_hour, 8)
    AND NOT EXISTS (SELECT 1 FROM digest_runs r
                    WHERE r.tenant_id = u.tenant_id AND r.user_id = u.id
                      AND r.local_date = (p_now AT TIME ZONE coalesce(p.time_zone, 'UTC'))::date)
  ORDER BY u.tenant_id, u.id
  LIMIT p_limit
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION portal_digest_due(timestamptz, int) FROM PUBLIC;
