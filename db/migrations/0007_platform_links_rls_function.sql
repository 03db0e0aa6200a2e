-- One way to put a tenant table under row-level security: enabled, forced, and the one policy
-- of the shape test/support/isolation.ts expects. A new tenant table's migration calls
-- SELECT enable_tenant_rls('new_table'); instead of copying the statements.
CREATE FUNCTION enable_tenant_rls(tbl regclass) RETURNS void
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', tbl);
  EXECUTE format($p$
    CREATE POLICY tenant_isolation ON %s
      USING (tenant_id = ANY (ARRAY(SELECT unnest(nullif(current_setting('app.tenant_ids', true), '')::uuid[]))))
      WITH CHECK (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid))
  $p$, tbl);
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION enable_tenant_rls(regclass) FROM PUBLIC;
--> statement-breakpoint
-- The platform tenant is no party to any link, whichever path writes one (request, approval,
-- direct creation, a hand-written statement). Links an earlier version let through end here.
UPDATE partner_tenant_links l
SET status = CASE WHEN l.status = 'requested' THEN 'rejected'::link_status ELSE 'revoked'::link_status END,
    revoked_at = now(), updated_at = now()
WHERE l.status IN ('requested', 'active')
  AND EXISTS (SELECT 1 FROM tenants t WHERE t.is_platform AND t.id IN (l.partner_tenant_id, l.managed_tenant_id));
--> statement-breakpoint
CREATE FUNCTION links_no_platform() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM tenants WHERE is_platform AND id IN (NEW.partner_tenant_id, NEW.managed_tenant_id)) THEN
    RAISE EXCEPTION 'The platform tenant takes part in no link.'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'links_no_platform', TABLE = 'partner_tenant_links';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER links_no_platform BEFORE INSERT OR UPDATE OF partner_tenant_id, managed_tenant_id, status
  ON partner_tenant_links FOR EACH ROW WHEN (NEW.status IN ('requested', 'active')) EXECUTE FUNCTION links_no_platform();
