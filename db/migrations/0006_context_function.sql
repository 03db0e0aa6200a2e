-- Rate-limit windows: one atomic upsert per bucket, fixed windows on the database clock.
-- Returns each bucket's count and its window's start (Unix seconds) with the current time.
CREATE FUNCTION portal_hit_buckets(p_keys text[], p_windows int[]) RETURNS json
LANGUAGE sql VOLATILE SECURITY INVOKER SET search_path = public, pg_temp AS $$
  WITH hit AS (
    INSERT INTO rate_limit_counters (key, window_start, count)
    SELECT b.key, date_bin(make_interval(secs => b.w), now(), timestamptz '1970-01-01 00:00:00+00'), 1
    FROM unnest(p_keys, p_windows) AS b(key, w)
    ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limit_counters.count + 1
    RETURNING key, count, extract(epoch FROM window_start)::float8 AS start)
  SELECT coalesce(json_agg(json_build_object('key', key, 'count', count, 'start', start, 'now', extract(epoch FROM now())::float8)), '[]'::json)
  FROM hit
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION portal_hit_buckets(text[], int[]) FROM PUBLIC;
--> statement-breakpoint
-- The request context in one round trip. Runs as the caller (SECURITY INVOKER): it scopes its
-- own implicit transaction to the caller's home tenant with set_config(.., true), exactly as
-- db/scope.ts does, so row-level security applies to every read below, and the settings end
-- with the statement. Returns the session row (with the user, home tenant, role permissions,
-- the user type's stored policy and the tenant's API limits) and, when asked, the named target
-- tenant with the caller's best active link to it; for API calls it also counts the call in
-- its rate-limit buckets (portal_hit_buckets). Decisions stay in lib/data/context.ts.
CREATE FUNCTION portal_request_context(p_tenant uuid, p_user uuid, p_session uuid, p_target_id uuid, p_target_slug text,
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
      'userId', u.id, 'email', u.email, 'name', u.name, 'type', u.type, 'status', u.status,
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
--> statement-breakpoint
REVOKE ALL ON FUNCTION portal_request_context(uuid, uuid, uuid, uuid, text, text[], int[]) FROM PUBLIC;
