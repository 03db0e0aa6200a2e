ALTER TABLE "audit_events" ADD COLUMN "actor_label" text;--> statement-breakpoint
-- The hash covers the new column too. Before any deployment, so no sealed chain predates it.
CREATE OR REPLACE FUNCTION audit_event_hash(e audit_events) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT encode(sha256(convert_to(jsonb_build_array(
    e.tenant_id, e.seq, (extract(epoch FROM e.occurred_at) * 1000000)::bigint,
    e.actor_user_id, e.actor_tenant_id, e.via, e.link_id, e.action, e.resource_type,
    e.resource_id, e.outcome, e.request_id, host(e.ip), e.user_agent, e.details, e.actor_label
  )::text, 'UTF8')), 'hex')
$$;
