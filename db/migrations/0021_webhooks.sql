CREATE TABLE "webhook_attempts" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"delivery_id" uuid NOT NULL,
	"attempt" integer NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status_code" integer,
	"duration_ms" integer NOT NULL,
	"response" text,
	"error" text,
	CONSTRAINT "webhook_attempts_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"endpoint_id" uuid NOT NULL,
	"event_id" text NOT NULL,
	"event_type" text NOT NULL,
	"source_tenant_id" uuid NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_status_code" integer,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delivered_at" timestamp with time zone,
	CONSTRAINT "webhook_deliveries_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "webhook_deliveries_status" CHECK ("webhook_deliveries"."status" in ('pending', 'delivered', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "webhook_endpoints" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"url" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"event_types" text[] NOT NULL,
	"include_managed" boolean DEFAULT false NOT NULL,
	"secret" text NOT NULL,
	"previous_secret" text,
	"previous_secret_until" timestamp with time zone,
	"enabled" boolean DEFAULT true NOT NULL,
	"disabled_reason" text,
	"disabled_at" timestamp with time zone,
	"failing_since" timestamp with time zone,
	"created_by_label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "webhook_endpoints_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "webhook_attempts" ADD CONSTRAINT "webhook_attempts_delivery_fk" FOREIGN KEY ("tenant_id","delivery_id") REFERENCES "public"."webhook_deliveries"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_endpoint_fk" FOREIGN KEY ("tenant_id","endpoint_id") REFERENCES "public"."webhook_endpoints"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "webhook_attempts_delivery_idx" ON "webhook_attempts" USING btree ("tenant_id","delivery_id","attempt");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_endpoint_created_idx" ON "webhook_deliveries" USING btree ("tenant_id","endpoint_id","created_at");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_due_idx" ON "webhook_deliveries" USING btree ("next_attempt_at") WHERE "webhook_deliveries"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "webhook_endpoints_tenant_created_idx" ON "webhook_endpoints" USING btree ("tenant_id","created_at");--> statement-breakpoint
SELECT enable_tenant_rls('webhook_endpoints'), enable_tenant_rls('webhook_deliveries'), enable_tenant_rls('webhook_attempts');
--> statement-breakpoint
INSERT INTO role_permissions (tenant_id, role_id, permission)
SELECT r.tenant_id, r.id, 'webhooks.manage' FROM roles r WHERE r.built_in AND r.key = 'admin'
ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- The sender asks which tenants have deliveries due (ids only, past RLS), then works each in its scope.
CREATE FUNCTION portal_webhook_due_tenants(p_limit int) RETURNS TABLE (tenant_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT DISTINCT d.tenant_id FROM webhook_deliveries d
  WHERE d.status = 'pending' AND d.next_attempt_at <= now()
  LIMIT p_limit
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION portal_webhook_due_tenants(int) FROM PUBLIC;
--> statement-breakpoint
-- A managed tenant's event, for its partners' endpoints, in the transaction of the change (outbox).
-- The source is the caller's scoped tenant; each partner named must hold a live link to it (the
-- caller has checked that the link's role allows the event); endpoints that include managed
-- tenants and ask for p_type get it as p_type, those asking for the seed's partner name p_alias
-- get it under that name. Returns the deliveries written.
CREATE FUNCTION portal_enqueue_managed_webhooks(p_partners uuid[], p_type text, p_event_id text, p_alias text, p_alias_event_id text, p_payload jsonb)
RETURNS int LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  source uuid := nullif(current_setting('app.tenant_id', true), '')::uuid;
  n int := 0;
  added int;
BEGIN
  IF source IS NULL THEN RAISE EXCEPTION 'portal_enqueue_managed_webhooks: no tenant scope'; END IF;
  INSERT INTO webhook_deliveries (tenant_id, endpoint_id, event_id, event_type, source_tenant_id, payload)
  SELECT e.tenant_id, e.id, CASE WHEN v.alias THEN p_alias_event_id ELSE p_event_id END, v.type, source,
         jsonb_set(p_payload, '{type}', to_jsonb(v.type))
  FROM webhook_endpoints e
  CROSS JOIN LATERAL (VALUES (p_type, false), (p_alias, true)) AS v(type, alias)
  WHERE e.tenant_id = ANY (p_partners) AND e.enabled AND v.type IS NOT NULL
    AND v.type = ANY (e.event_types) AND (v.alias OR e.include_managed)
    AND EXISTS (SELECT 1 FROM partner_tenant_links l
                WHERE l.partner_tenant_id = e.tenant_id AND l.managed_tenant_id = source AND l.status = 'active'
                  AND l.starts_at <= now() AND (l.ends_at IS NULL OR l.ends_at > now()));
  GET DIAGNOSTICS added = ROW_COUNT;
  n := n + added;
  RETURN n;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION portal_enqueue_managed_webhooks(uuid[], text, text, text, text, jsonb) FROM PUBLIC;
