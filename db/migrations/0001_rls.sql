-- Row-level security for every tenant-scoped table, link rules, and the audit hash.
--
-- Two transaction-local settings carry the context (set by withTenant with set_config(.., true)):
--   app.tenant_id   the active tenant: the only tenant a row may be written into;
--   app.tenant_ids  the tenants a statement may read (the active one, or a consolidated set).
-- Each setting is read once per statement through a scalar sub-select (an InitPlan), never per
-- row. Unset or empty settings make every tenant table read as empty and reject every write.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['users', 'sessions', 'roles', 'role_permissions', 'user_roles',
                           'audit_events', 'audit_digests', 'audit_digest_events']
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
ALTER TABLE partner_tenant_links ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE partner_tenant_links FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- A link belongs to both of its tenants: either side may see it; either side may write it.
CREATE POLICY link_parties ON partner_tenant_links
  USING (
    partner_tenant_id = ANY (ARRAY(SELECT unnest(nullif(current_setting('app.tenant_ids', true), '')::uuid[])))
    OR managed_tenant_id = ANY (ARRAY(SELECT unnest(nullif(current_setting('app.tenant_ids', true), '')::uuid[])))
  )
  WITH CHECK (
    partner_tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid)
    OR managed_tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid)
  );
--> statement-breakpoint
-- One live (active, overlapping in time) link per (partner, managed tenant).
ALTER TABLE partner_tenant_links ADD CONSTRAINT links_one_live_per_pair
  EXCLUDE USING gist (
    partner_tenant_id WITH =,
    managed_tenant_id WITH =,
    tstzrange(starts_at, coalesce(ends_at, 'infinity'::timestamptz)) WITH &&
  ) WHERE (status = 'active');
--> statement-breakpoint
-- At most one live msp_full or enterprise_hq link per managed tenant.
ALTER TABLE partner_tenant_links ADD CONSTRAINT links_one_full_manager
  EXCLUDE USING gist (
    managed_tenant_id WITH =,
    tstzrange(starts_at, coalesce(ends_at, 'infinity'::timestamptz)) WITH &&
  ) WHERE (status = 'active' AND access_role IN ('msp_full', 'enterprise_hq'));
--> statement-breakpoint
-- At most one open request per pair.
CREATE UNIQUE INDEX links_one_request_per_pair ON partner_tenant_links (partner_tenant_id, managed_tenant_id)
  WHERE status = 'requested';
--> statement-breakpoint
-- The hash of one audit event, over every column, in a fixed text form independent of TimeZone.
CREATE FUNCTION audit_event_hash(e audit_events) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT encode(sha256(convert_to(jsonb_build_array(
    e.tenant_id, e.seq, (extract(epoch FROM e.occurred_at) * 1000000)::bigint,
    e.actor_user_id, e.actor_tenant_id, e.via, e.link_id, e.action, e.resource_type,
    e.resource_id, e.outcome, e.request_id, host(e.ip), e.user_agent, e.details
  )::text, 'UTF8')), 'hex')
$$;
