ALTER TABLE "tickets" ADD COLUMN "sla_check_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tenant_settings" ADD COLUMN "sla_fingerprint" text;--> statement-breakpoint
CREATE INDEX "tickets_tenant_sla_check_idx" ON "tickets" USING btree ("tenant_id","sla_check_at") WHERE "tickets"."sla_check_at" is not null;--> statement-breakpoint
-- Unresolved tickets whose timers were stored before this column: the next scan looks again.
UPDATE tickets SET sla_check_at = now() WHERE status NOT IN ('resolved', 'closed') AND sla_response_state IS NOT NULL;
