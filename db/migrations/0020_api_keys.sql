CREATE TABLE "api_keys" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"secret_hash" text NOT NULL,
	"permissions" text[] NOT NULL,
	"user_id" uuid NOT NULL,
	"created_by_label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	"last_used_ip" "inet",
	"revoked_at" timestamp with time zone,
	"revoked_by_label" text,
	CONSTRAINT "api_keys_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_user_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_keys_id_idx" ON "api_keys" USING btree ("id");--> statement-breakpoint
CREATE INDEX "api_keys_tenant_created_idx" ON "api_keys" USING btree ("tenant_id","created_at");--> statement-breakpoint
SELECT enable_tenant_rls('api_keys');
--> statement-breakpoint
-- Admins manage the tenant's API keys; the new permission joins every tenant's admin role.
INSERT INTO role_permissions (tenant_id, role_id, permission)
SELECT r.tenant_id, r.id, 'api_keys.manage' FROM roles r WHERE r.built_in AND r.key = 'admin'
ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- A key names its id, not its tenant. SECURITY DEFINER (past RLS) answers only the tenant and the
-- user of a key that exists, is neither revoked nor expired, and whose secret hashes to p_hash;
-- nothing else of any key leaves it.
CREATE FUNCTION portal_api_key_owner(p_key uuid, p_hash text) RETURNS TABLE (tenant_id uuid, user_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT k.tenant_id, k.user_id FROM api_keys k
  WHERE k.id = p_key AND k.secret_hash = p_hash AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > now())
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION portal_api_key_owner(uuid, text) FROM PUBLIC;
--> statement-breakpoint
-- The home part of a request's context (the user, the tenant, the user's permissions, policies,
-- plan limits, API limits), shared by the session and the API-key forms. Runs in the caller's
-- scope (SECURITY INVOKER): RLS applies.
CREATE FUNCTION portal_home_context(p_tenant uuid, p_user uuid) RETURNS jsonb
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
        FROM tenant_rate_limits r WHERE r.tenant_id = p_tenant))
  FROM users u JOIN tenants t ON t.id = u.tenant_id
  WHERE u.tenant_id = p_tenant AND u.id = p_user
$$;
--> statement-breakpoint
-- The tenant a request names (by id or slug) and the caller's live link to it, if any.
CREATE FUNCTION portal_target_context(p_tenant uuid, p_target_id uuid, p_target_slug text) RETURNS json
LANGUAGE sql STABLE SECURITY INVOKER SET search_path = public, pg_temp AS $$
  SELECT json_build_object(
      'id', t.id, 'slug', t.slug, 'name', t.name, 'isPlatform', t.is_platform, 'status', t.status,
      'link', (SELECT json_build_object('id', l.id, 'accessRole', l.access_role, 'customPermissions', l.custom_permissions,
                                        'status', l.status, 'startsAt', l.starts_at, 'endsAt', l.ends_at)
               FROM partner_tenant_links l
               WHERE l.partner_tenant_id = p_tenant AND l.managed_tenant_id = t.id AND l.status = 'active'
               ORDER BY (l.starts_at <= now() AND (l.ends_at IS NULL OR l.ends_at > now())) DESC, l.starts_at DESC
               LIMIT 1))
  FROM tenants t
  WHERE (p_target_id IS NOT NULL AND t.id = p_target_id) OR (p_target_id IS NULL AND t.slug = p_target_slug)
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION portal_request_context(p_tenant uuid, p_user uuid, p_session uuid, p_target_id uuid, p_target_slug text,
                                       p_bucket_keys text[], p_bucket_windows int[])
RETURNS json LANGUAGE plpgsql VOLATILE SECURITY INVOKER SET search_path = public, pg_temp AS $$
DECLARE
  idle float8;
  home jsonb;
  target json;
BEGIN
  PERFORM set_config('app.tenant_id', p_tenant::text, true),
          set_config('app.tenant_ids', '{' || p_tenant::text || '}', true),
          set_config('app.user_id', p_user::text, true);

  SELECT extract(epoch FROM now() - s.last_seen_at)::float8 INTO idle
  FROM sessions s
  WHERE s.tenant_id = p_tenant AND s.id = p_session AND s.user_id = p_user
    AND s.revoked_at IS NULL AND s.expires_at > now();
  IF FOUND THEN
    home := portal_home_context(p_tenant, p_user) || jsonb_build_object('idleSeconds', idle);
  END IF;

  IF home IS NOT NULL AND (p_target_id IS NOT NULL OR p_target_slug IS NOT NULL) THEN
    target := portal_target_context(p_tenant, p_target_id, p_target_slug);
  END IF;

  RETURN json_build_object('home', home, 'target', target,
    'buckets', CASE WHEN cardinality(p_bucket_keys) > 0 THEN portal_hit_buckets(p_bucket_keys, p_bucket_windows) END);
END $$;
--> statement-breakpoint
-- The same context for a call made with an API key: the key's owner (tenant and user) from
-- portal_api_key_owner, the key's own permissions beside the user's, and the key's last use
-- recorded (at most once a minute). One round trip, like the session form.
CREATE FUNCTION portal_key_request_context(p_key uuid, p_hash text, p_ip inet, p_target_id uuid,
                                           p_bucket_keys text[], p_bucket_windows int[])
RETURNS json LANGUAGE plpgsql VOLATILE SECURITY INVOKER SET search_path = public, pg_temp AS $$
DECLARE
  v_tenant uuid;
  v_user uuid;
  home jsonb;
  key json;
  target json;
BEGIN
  SELECT o.tenant_id, o.user_id INTO v_tenant, v_user FROM portal_api_key_owner(p_key, p_hash) o;
  IF NOT FOUND THEN
    RETURN json_build_object('home', NULL, 'target', NULL, 'buckets', NULL);
  END IF;
  PERFORM set_config('app.tenant_id', v_tenant::text, true),
          set_config('app.tenant_ids', '{' || v_tenant::text || '}', true),
          set_config('app.user_id', v_user::text, true);

  UPDATE api_keys SET last_used_at = now(), last_used_ip = p_ip
  WHERE tenant_id = v_tenant AND id = p_key AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute' OR last_used_ip IS DISTINCT FROM p_ip);
  SELECT json_build_object('id', k.id, 'name', k.name, 'permissions', k.permissions) INTO key
  FROM api_keys k WHERE k.tenant_id = v_tenant AND k.id = p_key;
  home := portal_home_context(v_tenant, v_user) || jsonb_build_object('idleSeconds', 0, 'key', key);

  IF p_target_id IS NOT NULL AND p_target_id <> v_tenant THEN
    target := portal_target_context(v_tenant, p_target_id, NULL);
  END IF;
  -- The caller could not name the buckets before knowing whose key this is: '@user' and
  -- '@home' stand for the key's user and tenant, and a link's bucket (l:...) goes when the
  -- named tenant is the key's own (as lib/data/internal/rate-limit.ts bucketKeys decides).
  SELECT coalesce(array_agg(replace(replace(b.k, '@user', v_user::text), '@home', v_tenant::text) ORDER BY b.n), '{}'),
         coalesce(array_agg(b.w ORDER BY b.n), '{}')
    INTO p_bucket_keys, p_bucket_windows
  FROM unnest(p_bucket_keys, p_bucket_windows) WITH ORDINALITY AS b(k, w, n)
  WHERE NOT (b.k LIKE 'l:%' AND (p_target_id IS NULL OR p_target_id = v_tenant));

  RETURN json_build_object('home', home, 'target', target,
    'buckets', CASE WHEN cardinality(p_bucket_keys) > 0 THEN portal_hit_buckets(p_bucket_keys, p_bucket_windows) END);
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION portal_home_context(uuid, uuid) FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION portal_target_context(uuid, uuid, text) FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION portal_key_request_context(uuid, text, inet, uuid, text[], int[]) FROM PUBLIC;
