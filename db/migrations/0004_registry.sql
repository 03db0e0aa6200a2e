CREATE TABLE "mail_outbox" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"to_address" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "mail_outbox_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "password_tokens" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "password_tokens_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD CONSTRAINT "mail_outbox_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "password_tokens" ADD CONSTRAINT "password_tokens_user_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mail_outbox_tenant_created_idx" ON "mail_outbox" USING btree ("tenant_id","created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "password_tokens_hash_idx" ON "password_tokens" USING btree ("tenant_id","token_hash");--> statement-breakpoint
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['mail_outbox', 'password_tokens']
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
-- Registry counts for platform operators: aggregates only, never a tenant's rows. SECURITY
-- DEFINER runs as the owner (past RLS) and returns nothing but counts per tenant id.
CREATE FUNCTION registry_stats(ids uuid[]) RETURNS TABLE (tenant_id uuid, users bigint, live_links bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT t.id,
    (SELECT count(*) FROM users u WHERE u.tenant_id = t.id),
    (SELECT count(*) FROM partner_tenant_links l
      WHERE (l.partner_tenant_id = t.id OR l.managed_tenant_id = t.id) AND l.status = 'active'
        AND l.starts_at <= now() AND (l.ends_at IS NULL OR l.ends_at > now()))
  FROM unnest(ids) AS t(id)
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION registry_stats(uuid[]) FROM PUBLIC;
