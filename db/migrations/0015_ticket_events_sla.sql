CREATE TABLE "ticket_events" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"ticket_id" uuid NOT NULL,
	"from_status" "ticket_status",
	"to_status" "ticket_status" NOT NULL,
	"actor_label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ticket_events_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "tenant_settings" ADD COLUMN "sla_policy" jsonb;--> statement-breakpoint
ALTER TABLE "tenant_settings" ADD COLUMN "business_calendar" jsonb;--> statement-breakpoint
ALTER TABLE "ticket_events" ADD CONSTRAINT "ticket_events_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_events" ADD CONSTRAINT "ticket_events_ticket_fk" FOREIGN KEY ("tenant_id","ticket_id") REFERENCES "public"."tickets"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ticket_events_ticket_idx" ON "ticket_events" USING btree ("tenant_id","ticket_id","created_at");--> statement-breakpoint
SELECT enable_tenant_rls('ticket_events');
--> statement-breakpoint
-- Tickets from before the history existed: one event with the status they have now, dated now
-- (their earlier pauses are unknown, so their SLA clocks count that time as running).
INSERT INTO ticket_events (tenant_id, ticket_id, from_status, to_status, actor_label, created_at)
SELECT tenant_id, id, NULL, status, 'migration', now() FROM tickets;
