CREATE TYPE "public"."billing_cycle" AS ENUM('monthly', 'yearly');--> statement-breakpoint
CREATE TYPE "public"."subscription_state" AS ENUM('signing', 'signed', 'suspended', 'unsigned');--> statement-breakpoint
CREATE TYPE "public"."suspension_reason" AS ENUM('non_payment', 'policy_violation', 'admin');--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"response" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_tenant_id_user_id_key_pk" PRIMARY KEY("tenant_id","user_id","key")
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"features" text[] DEFAULT '{}'::text[] NOT NULL,
	"price_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"billing_cycle" "billing_cycle" NOT NULL,
	"available_for" text[] NOT NULL,
	"ops_per_day" integer,
	"ops_per_week" integer,
	"inactivity_timeout_minutes" integer,
	"active" boolean DEFAULT true NOT NULL,
	"discontinued_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plans_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "plans_price" CHECK ("plans"."price_minor" between 0 and 1000000000),
	CONSTRAINT "plans_currency" CHECK ("plans"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "plans_available_for" CHECK (cardinality("plans"."available_for") > 0 and "plans"."available_for" <@ array['basic', 'advanced', 'company']::text[]),
	CONSTRAINT "plans_limits" CHECK (coalesce("plans"."ops_per_day", 1) > 0 and coalesce("plans"."ops_per_week", 1) > 0 and coalesce("plans"."inactivity_timeout_minutes", 1) > 0)
);
--> statement-breakpoint
CREATE TABLE "subscription_codes" (
	"tenant_id" uuid NOT NULL,
	"subscription_id" uuid NOT NULL,
	"code_hash" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subscription_codes_tenant_id_subscription_id_pk" PRIMARY KEY("tenant_id","subscription_id")
);
--> statement-breakpoint
CREATE TABLE "subscription_events" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"subscription_id" uuid NOT NULL,
	"from_state" "subscription_state",
	"to_state" "subscription_state" NOT NULL,
	"event" text NOT NULL,
	"reason" text,
	"actor_user_id" uuid,
	"actor_label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subscription_events_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "subscriptions" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"state" "subscription_state" DEFAULT 'signing' NOT NULL,
	"price_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"billing_cycle" "billing_cycle" NOT NULL,
	"next_price_minor" bigint,
	"confirmed_at" timestamp with time zone,
	"signed_name" text,
	"anchor_at" timestamp with time zone,
	"period_index" integer DEFAULT 0 NOT NULL,
	"current_period_start" timestamp with time zone,
	"current_period_end" timestamp with time zone,
	"cancel_at_period_end" boolean DEFAULT false NOT NULL,
	"cancel_reason" text,
	"suspended_at" timestamp with time zone,
	"suspension_reason" "suspension_reason",
	"suspension_note" text,
	"ended_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subscriptions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "subscriptions_suspension" CHECK (("subscriptions"."state" = 'suspended') = ("subscriptions"."suspended_at" is not null))
);
--> statement-breakpoint
ALTER TABLE "tenant_settings" ADD COLUMN "allow_plan_switching" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "tenant_settings" ADD COLUMN "signing_requires_approval" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "tenant_settings" ADD COLUMN "suspension_grace_days" integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscription_codes" ADD CONSTRAINT "subscription_codes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscription_codes" ADD CONSTRAINT "subscription_codes_subscription_fk" FOREIGN KEY ("tenant_id","subscription_id") REFERENCES "public"."subscriptions"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscription_events" ADD CONSTRAINT "subscription_events_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscription_events" ADD CONSTRAINT "subscription_events_subscription_fk" FOREIGN KEY ("tenant_id","subscription_id") REFERENCES "public"."subscriptions"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_user_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_plan_fk" FOREIGN KEY ("tenant_id","plan_id") REFERENCES "public"."plans"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idempotency_keys_created_idx" ON "idempotency_keys" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "plans_tenant_name_key" ON "plans" USING btree ("tenant_id",lower("name"));--> statement-breakpoint
CREATE INDEX "plans_tenant_created_idx" ON "plans" USING btree ("tenant_id","created_at","id");--> statement-breakpoint
CREATE INDEX "subscription_events_subscription_idx" ON "subscription_events" USING btree ("tenant_id","subscription_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "subscriptions_one_current" ON "subscriptions" USING btree ("tenant_id","user_id") WHERE "subscriptions"."state" in ('signed', 'suspended');--> statement-breakpoint
CREATE UNIQUE INDEX "subscriptions_one_signing" ON "subscriptions" USING btree ("tenant_id","user_id") WHERE "subscriptions"."state" = 'signing';--> statement-breakpoint
CREATE INDEX "subscriptions_tenant_created_idx" ON "subscriptions" USING btree ("tenant_id","created_at","id");--> statement-breakpoint
CREATE INDEX "subscriptions_tenant_state_created_idx" ON "subscriptions" USING btree ("tenant_id","state","created_at","id");--> statement-breakpoint
CREATE INDEX "subscriptions_tenant_plan_idx" ON "subscriptions" USING btree ("tenant_id","plan_id","state");--> statement-breakpoint
CREATE INDEX "subscriptions_tenant_plan_created_idx" ON "subscriptions" USING btree ("tenant_id","plan_id","created_at","id");--> statement-breakpoint
CREATE INDEX "subscriptions_user_idx" ON "subscriptions" USING btree ("tenant_id","user_id","created_at");--> statement-breakpoint
ALTER TABLE "tenant_settings" ADD CONSTRAINT "tenant_settings_grace" CHECK ("tenant_settings"."suspension_grace_days" between 1 and 365);
--> statement-breakpoint
-- Row-level security on every new tenant table, as on the others.
SELECT enable_tenant_rls('plans'), enable_tenant_rls('subscriptions'), enable_tenant_rls('subscription_events'),
       enable_tenant_rls('subscription_codes'), enable_tenant_rls('idempotency_keys');
--> statement-breakpoint
-- End users see plans through My account (their own catalogue), not the admins' Plans workspace:
-- the built-in end-user roles lose plans.read (lib/config/roles.ts says the same for new tenants).
DELETE FROM role_permissions rp USING roles r
WHERE r.tenant_id = rp.tenant_id AND r.id = rp.role_id AND r.built_in AND r.key IN ('guest', 'basic', 'advanced', 'company')
  AND rp.permission = 'plans.read';
--> statement-breakpoint
-- The request context also carries the limits of the plan the user is signed to (they override
-- the user type's policy while signed; lib/config/policies.ts withPlanLimits).
CREATE OR REPLACE FUNCTION portal_request_context(p_tenant uuid, p_user uuid, p_session uuid, p_target_id uuid, p_target_slug text,
                                       p_bucket_keys text[], p_bucket_windows int[])
RETURNS json LANGUAGE plpgsql VOLATILE SECURITY INVOKER SET search_path = public, pg_temp AS $$
DECLARE
  home json;
  target json;
BEGIN
  PERFORM set_config('app.tenant_id', p_tenant::text, true),
          set_config('app.tenant_ids', '{' || p_tenant::text || '}', true),
          set_config('app.user_id', p_user::text, true);

  SELECT json_build_object(
      'userId', u.id, 'email', u.email, 'name', u.name, 'type', u.type, 'status', u.status, 'emailVerified', u.email_verified_at IS NOT NULL,
      'tenantId', t.id, 'slug', t.slug, 'tenantName', t.name, 'isPlatform', t.is_platform, 'tenantStatus', t.status,
      'permissions', array(
        SELECT DISTINCT rp.permission FROM user_roles ur
        JOIN role_permissions rp ON rp.tenant_id = ur.tenant_id AND rp.role_id = ur.role_id
        WHERE ur.tenant_id = p_tenant AND ur.user_id = p_user),
      'idleSeconds', extract(epoch FROM now() - s.last_seen_at)::float8,
      'policy', (SELECT json_build_object(
          'inactivityTimeoutMinutes', p.inactivity_timeout_minutes, 'opsPerDay', p.ops_per_day,
          'opsPerWeek', p.ops_per_week, 'breachAction', p.breach_action,
          'maxConcurrentSessions', p.max_concurrent_sessions)
        FROM tenant_policies p WHERE p.tenant_id = p_tenant AND p.user_type = u.type),
      'planLimits', (SELECT json_build_object(
          'opsPerDay', pl.ops_per_day, 'opsPerWeek', pl.ops_per_week, 'inactivityTimeoutMinutes', pl.inactivity_timeout_minutes)
        FROM subscriptions sb JOIN plans pl ON pl.tenant_id = sb.tenant_id AND pl.id = sb.plan_id
        WHERE sb.tenant_id = p_tenant AND sb.user_id = p_user AND sb.state IN ('signed', 'suspended') AND sb.state = 'signed'),
      'rateLimits', (SELECT json_build_object(
          'listPerMinute', r.list_per_minute, 'detailPerMinute', r.detail_per_minute,
          'writePerMinute', r.write_per_minute, 'exportPerHour', r.export_per_hour,
          'linkPerMinute', r.link_per_minute)
        FROM tenant_rate_limits r WHERE r.tenant_id = p_tenant))
    INTO home
  FROM sessions s
  JOIN users u ON u.tenant_id = s.tenant_id AND u.id = s.user_id
  JOIN tenants t ON t.id = s.tenant_id
  WHERE s.tenant_id = p_tenant AND s.id = p_session AND s.user_id = p_user
    AND s.revoked_at IS NULL AND s.expires_at > now();

  IF home IS NOT NULL AND (p_target_id IS NOT NULL OR p_target_slug IS NOT NULL) THEN
    SELECT json_build_object(
        'id', t.id, 'slug', t.slug, 'name', t.name, 'isPlatform', t.is_platform, 'status', t.status,
        'link', (SELECT json_build_object('id', l.id, 'accessRole', l.access_role, 'customPermissions', l.custom_permissions,
                                          'status', l.status, 'startsAt', l.starts_at, 'endsAt', l.ends_at)
                 FROM partner_tenant_links l
                 WHERE l.partner_tenant_id = p_tenant AND l.managed_tenant_id = t.id AND l.status = 'active'
                 ORDER BY (l.starts_at <= now() AND (l.ends_at IS NULL OR l.ends_at > now())) DESC, l.starts_at DESC
                 LIMIT 1))
      INTO target
    FROM tenants t
    WHERE (p_target_id IS NOT NULL AND t.id = p_target_id) OR (p_target_id IS NULL AND t.slug = p_target_slug);
  END IF;

  RETURN json_build_object('home', home, 'target', target,
    'buckets', CASE WHEN cardinality(p_bucket_keys) > 0 THEN portal_hit_buckets(p_bucket_keys, p_bucket_windows) END);
END $$;
