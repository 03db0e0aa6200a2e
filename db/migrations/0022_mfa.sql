CREATE TABLE "mfa_recovery_codes" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"code_hash" text NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mfa_recovery_codes_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "user_mfa" (
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"secret" text NOT NULL,
	"enabled_at" timestamp with time zone,
	"last_time_step" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_mfa_tenant_id_user_id_pk" PRIMARY KEY("tenant_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "tenant_settings" ADD COLUMN "mfa_required" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "mfa_recovery_codes" ADD CONSTRAINT "mfa_recovery_codes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mfa_recovery_codes" ADD CONSTRAINT "mfa_recovery_codes_user_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_mfa" ADD CONSTRAINT "user_mfa_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_mfa" ADD CONSTRAINT "user_mfa_user_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mfa_recovery_codes_user_idx" ON "mfa_recovery_codes" USING btree ("tenant_id","user_id");
--> statement-breakpoint
SELECT enable_tenant_rls('user_mfa');
--> statement-breakpoint
SELECT enable_tenant_rls('mfa_recovery_codes');
--> statement-breakpoint
-- The home context also says whether the user has a second factor and whether the tenant
-- requires one of them (staff, when tenant_settings.mfa_required): lib/data/context.ts holds
-- such a user to their own account until they enrol.
CREATE OR REPLACE FUNCTION portal_home_context(p_tenant uuid, p_user uuid) RETURNS jsonb
LANGUAGE sql STABLE SECURITY INVOKER SET search_path = public, pg_temp AS $$
  SELECT jsonb_build_object(
      'userId', u.id, 'email', u.email, 'name', u.name, 'type', u.type, 'status', u.status, 'emailVerified', u.email_verified_at IS NOT NULL,
      'tenantId', t.id, 'slug', t.slug, 'tenantName', t.name, 'isPlatform', t.is_platform, 'tenantStatus', t.status,
      'permissions', array(
        SELECT DISTINCT rp.permission FROM user_roles ur
        JOIN role_permissions rp ON rp.tenant_id = ur.tenant_id AND rp.role_id = ur.role_id
        WHERE ur.tenant_id = p_tenant AND ur.user_id = p_user),
      'policy', (SELECT json_build_object(
          'inactivityTimeoutMinutes', p.inactivity_timeout_minutes, 'opsPerDay', p.ops_per_day,
          'opsPerWeek', p.ops_per_week, 'breachAction', p.breach_action,
          'maxConcurrentSessions', p.max_concurrent_sessions)
        FROM tenant_policies p WHERE p.tenant_id = p_tenant AND p.user_type = u.type),
      'planLimits', (SELECT json_build_object(
          'opsPerDay', pl.ops_per_day, 'opsPerWeek', pl.ops_per_week, 'inactivityTimeoutMinutes', pl.inactivity_timeout_minutes)
        FROM subscriptions sb JOIN plans pl ON pl.tenant_id = sb.tenant_id AND pl.id = sb.plan_id
        WHERE sb.tenant_id = p_tenant AND sb.user_id = p_user AND sb.state = 'signed'),
      'rateLimits', (SELECT json_build_object(
          'listPerMinute', r.list_per_minute, 'detailPerMinute', r.detail_per_minute,
          'writePerMinute', r.write_per_minute, 'exportPerHour', r.export_per_hour,
          'linkPerMinute', r.link_per_minute)
        FROM tenant_rate_limits r WHERE r.tenant_id = p_tenant),
      'mfa', json_build_object(
          'enabled', EXISTS (SELECT 1 FROM user_mfa m WHERE m.tenant_id = p_tenant AND m.user_id = p_user AND m.enabled_at IS NOT NULL),
          'required', u.type = 'admin' AND coalesce((SELECT s.mfa_required FROM tenant_settings s WHERE s.tenant_id = p_tenant), false)))
  FROM users u JOIN tenants t ON t.id = u.tenant_id
  WHERE u.tenant_id = p_tenant AND u.id = p_user
$$;
