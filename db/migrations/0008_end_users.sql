CREATE TYPE "public"."kyc_document_type" AS ENUM('passport', 'national_id', 'driving_licence', 'proof_of_address', 'company_registration');--> statement-breakpoint
CREATE TYPE "public"."kyc_kind" AS ENUM('identity', 'address', 'business');--> statement-breakpoint
CREATE TYPE "public"."kyc_status" AS ENUM('in_progress', 'submitted', 'in_review', 'verified', 'resubmission_requested', 'rejected', 'expired', 'revoked');--> statement-breakpoint
CREATE TABLE "kyc_files" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"submission_id" uuid NOT NULL,
	"slot" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"data" "bytea",
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"purged_at" timestamp with time zone,
	CONSTRAINT "kyc_files_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "kyc_files_slot" CHECK ("kyc_files"."slot" in ('front', 'back', 'selfie', 'proof', 'registration')),
	CONSTRAINT "kyc_files_type" CHECK ("kyc_files"."content_type" in ('image/jpeg', 'image/png', 'application/pdf')),
	CONSTRAINT "kyc_files_size" CHECK ("kyc_files"."size_bytes" between 1 and 10485760)
);
--> statement-breakpoint
CREATE TABLE "kyc_submissions" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" "kyc_kind" DEFAULT 'identity' NOT NULL,
	"status" "kyc_status" DEFAULT 'in_progress' NOT NULL,
	"attempt" integer DEFAULT 1 NOT NULL,
	"legal_name" text,
	"date_of_birth" date,
	"country" text,
	"address" text,
	"document_type" "kyc_document_type",
	"document_expires_on" date,
	"company_name" text,
	"registration_number" text,
	"submitted_at" timestamp with time zone,
	"assignee_id" uuid,
	"assignee_label" text,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"decided_by_label" text,
	"decision_reason" text,
	"resubmission_reasons" text[],
	"warned_days" integer[] DEFAULT '{}'::int[] NOT NULL,
	"files_purged_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kyc_submissions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "kyc_submissions_attempt" CHECK ("kyc_submissions"."attempt" >= 1)
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"href" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone,
	CONSTRAINT "notifications_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "tenant_settings" (
	"tenant_id" uuid NOT NULL,
	"self_signup" boolean DEFAULT true NOT NULL,
	"basic_to_advanced" text DEFAULT 'advanced_kyc' NOT NULL,
	"advanced_to_company" text DEFAULT 'business_verification' NOT NULL,
	"kyc_retention_days" integer DEFAULT 90 NOT NULL,
	"expiry_downgrade" text DEFAULT 'guest' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tenant_settings_tenant_id_pk" PRIMARY KEY("tenant_id"),
	CONSTRAINT "tenant_settings_b2a" CHECK ("tenant_settings"."basic_to_advanced" in ('automatic', 'advanced_kyc', 'admin_approval')),
	CONSTRAINT "tenant_settings_a2c" CHECK ("tenant_settings"."advanced_to_company" in ('business_verification', 'admin_approval')),
	CONSTRAINT "tenant_settings_expiry" CHECK ("tenant_settings"."expiry_downgrade" in ('guest', 'one_step')),
	CONSTRAINT "tenant_settings_retention" CHECK ("tenant_settings"."kyc_retention_days" between 1 and 3650)
);
--> statement-breakpoint
CREATE TABLE "upgrade_requests" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"from_type" "user_type" NOT NULL,
	"to_type" "user_type" NOT NULL,
	"policy" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"submission_id" uuid,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"decision_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "upgrade_requests_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "upgrade_requests_status" CHECK ("upgrade_requests"."status" in ('pending', 'approved', 'rejected', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "user_type_history" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"from_type" "user_type" NOT NULL,
	"to_type" "user_type" NOT NULL,
	"source" text NOT NULL,
	"reason" text,
	"actor_user_id" uuid,
	"actor_label" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_type_history_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "user_type_history_source" CHECK ("user_type_history"."source" in ('kyc', 'upgrade', 'admin', 'expiry'))
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "email_verified_at" timestamp with time zone DEFAULT now();--> statement-breakpoint
ALTER TABLE "password_tokens" ADD COLUMN "purpose" text DEFAULT 'set_password' NOT NULL;--> statement-breakpoint
ALTER TABLE "password_tokens" ADD COLUMN "new_email" text;--> statement-breakpoint
ALTER TABLE "kyc_files" ADD CONSTRAINT "kyc_files_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kyc_files" ADD CONSTRAINT "kyc_files_submission_fk" FOREIGN KEY ("tenant_id","submission_id") REFERENCES "public"."kyc_submissions"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kyc_submissions" ADD CONSTRAINT "kyc_submissions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kyc_submissions" ADD CONSTRAINT "kyc_submissions_user_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_settings" ADD CONSTRAINT "tenant_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "upgrade_requests" ADD CONSTRAINT "upgrade_requests_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "upgrade_requests" ADD CONSTRAINT "upgrade_requests_user_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_type_history" ADD CONSTRAINT "user_type_history_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_type_history" ADD CONSTRAINT "user_type_history_user_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "kyc_files_slot_key" ON "kyc_files" USING btree ("tenant_id","submission_id","slot");--> statement-breakpoint
CREATE UNIQUE INDEX "kyc_submissions_one_open" ON "kyc_submissions" USING btree ("tenant_id","user_id","kind") WHERE "kyc_submissions"."status" in ('in_progress', 'submitted', 'in_review');--> statement-breakpoint
CREATE INDEX "kyc_submissions_waiting_idx" ON "kyc_submissions" USING btree ("tenant_id","submitted_at","id") WHERE "kyc_submissions"."status" in ('submitted', 'in_review');--> statement-breakpoint
CREATE INDEX "kyc_submissions_decided_idx" ON "kyc_submissions" USING btree ("tenant_id","submitted_at","id") WHERE "kyc_submissions"."status" in ('verified', 'resubmission_requested', 'rejected', 'expired', 'revoked');--> statement-breakpoint
CREATE INDEX "kyc_submissions_user_idx" ON "kyc_submissions" USING btree ("tenant_id","user_id","created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("tenant_id","user_id","created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE UNIQUE INDEX "upgrade_requests_one_pending" ON "upgrade_requests" USING btree ("tenant_id","user_id") WHERE "upgrade_requests"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "upgrade_requests_queue_idx" ON "upgrade_requests" USING btree ("tenant_id","status","created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "user_type_history_user_idx" ON "user_type_history" USING btree ("tenant_id","user_id","created_at" DESC NULLS FIRST);--> statement-breakpoint
ALTER TABLE "password_tokens" ADD CONSTRAINT "password_tokens_purpose" CHECK ("password_tokens"."purpose" in ('set_password', 'verify_email', 'change_email', 'unlock'));--> statement-breakpoint
-- Row-level security on every new tenant table, as on the others.
SELECT enable_tenant_rls('tenant_settings'), enable_tenant_rls('kyc_submissions'), enable_tenant_rls('kyc_files'),
       enable_tenant_rls('user_type_history'), enable_tenant_rls('upgrade_requests'), enable_tenant_rls('notifications');
--> statement-breakpoint
-- New catalogue permissions for the roles tenants already have (new tenants get them from
-- lib/config/roles.ts): every role that reads its own account may edit it; end users and
-- admins verify their identity and ask for upgrades.
INSERT INTO role_permissions (tenant_id, role_id, permission)
SELECT rp.tenant_id, rp.role_id, 'account.write' FROM role_permissions rp WHERE rp.permission = 'account.read'
ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO role_permissions (tenant_id, role_id, permission)
SELECT r.tenant_id, r.id, 'account.kyc' FROM roles r WHERE r.built_in AND r.key IN ('guest', 'basic', 'advanced', 'company', 'admin')
ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- The request context also says whether the user's address is confirmed (a self sign-up that
-- is not sees My account alone).
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
