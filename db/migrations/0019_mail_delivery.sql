ALTER TABLE "mail_outbox" ADD COLUMN "html" text;--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "headers" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "status" text DEFAULT 'queued' NOT NULL;--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "last_error" text;--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "message_id" text;--> statement-breakpoint
CREATE INDEX "mail_outbox_due_idx" ON "mail_outbox" USING btree ("next_attempt_at") WHERE "mail_outbox"."status" = 'queued';--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD CONSTRAINT "mail_outbox_status" CHECK ("mail_outbox"."status" in ('queued', 'sent', 'failed'));--> statement-breakpoint
-- Mail from before the portal sent any: a day old or more is not sent now (its links and codes
-- have expired); marked failed with the reason. Younger mail is delivered.
UPDATE mail_outbox SET status = 'sent' WHERE sent_at IS NOT NULL;
--> statement-breakpoint
UPDATE mail_outbox SET status = 'failed', last_error = 'queued before the portal delivered mail; not sent'
WHERE sent_at IS NULL AND created_at < now() - interval '1 day';
--> statement-breakpoint
-- The sender asks which tenants have mail due, then takes each tenant's in its own scope. SECURITY
-- DEFINER runs as the owner (past RLS) and returns tenant ids only, never a mail.
CREATE FUNCTION portal_mail_due_tenants(p_limit int) RETURNS TABLE (tenant_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT DISTINCT m.tenant_id FROM mail_outbox m
  WHERE m.status = 'queued' AND m.next_attempt_at <= now()
  LIMIT p_limit
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION portal_mail_due_tenants(int) FROM PUBLIC;
