ALTER TYPE "public"."ticket_status" ADD VALUE 'new' BEFORE 'open';--> statement-breakpoint
ALTER TYPE "public"."ticket_status" ADD VALUE 'on_hold' BEFORE 'resolved';--> statement-breakpoint
CREATE TABLE "ticket_comments" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"ticket_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"author_tenant_id" uuid NOT NULL,
	"author_label" text NOT NULL,
	"from_requester" boolean NOT NULL,
	"body" text NOT NULL,
	"internal" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ticket_comments_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "ticket_comments_requester_public" CHECK (not ("ticket_comments"."from_requester" and "ticket_comments"."internal"))
);
--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "assignee_id" uuid;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "assignee_tenant_id" uuid;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "assignee_label" text;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "created_by_partner_id" uuid;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "follow_up_of_id" uuid;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "outage_start" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "outage_end" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "first_response_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "resolved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tenant_settings" ADD COLUMN "ticket_auto_close_hours" integer DEFAULT 96 NOT NULL;--> statement-breakpoint
ALTER TABLE "ticket_comments" ADD CONSTRAINT "ticket_comments_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_comments" ADD CONSTRAINT "ticket_comments_author_tenant_id_tenants_id_fk" FOREIGN KEY ("author_tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_comments" ADD CONSTRAINT "ticket_comments_ticket_fk" FOREIGN KEY ("tenant_id","ticket_id") REFERENCES "public"."tickets"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ticket_comments_ticket_idx" ON "ticket_comments" USING btree ("tenant_id","ticket_id","created_at");--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_assignee_tenant_id_tenants_id_fk" FOREIGN KEY ("assignee_tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_created_by_partner_id_tenants_id_fk" FOREIGN KEY ("created_by_partner_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_follow_up_fk" FOREIGN KEY ("tenant_id","follow_up_of_id") REFERENCES "public"."tickets"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tickets_tenant_requester_idx" ON "tickets" USING btree ("tenant_id","requester_id","created_at");--> statement-breakpoint
CREATE INDEX "tickets_tenant_resolved_idx" ON "tickets" USING btree ("tenant_id","resolved_at") WHERE "tickets"."status" = 'resolved';--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_assignee" CHECK (("tickets"."assignee_id" is null) = ("tickets"."assignee_tenant_id" is null));--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_outage" CHECK ("tickets"."outage_end" is null or ("tickets"."outage_start" is not null and "tickets"."outage_end" >= "tickets"."outage_start"));--> statement-breakpoint
ALTER TABLE "tenant_settings" ADD CONSTRAINT "tenant_settings_ticket_auto_close" CHECK ("tenant_settings"."ticket_auto_close_hours" between 1 and 672);--> statement-breakpoint
SELECT enable_tenant_rls('ticket_comments');
--> statement-breakpoint
-- End users open and follow their own tickets: the built-in end-user roles and every tenant's
-- admin (which holds every tenant permission) and support agents (tickets.*) gain tickets.self.
INSERT INTO role_permissions (tenant_id, role_id, permission)
SELECT r.tenant_id, r.id, 'tickets.self' FROM roles r
WHERE r.built_in AND r.key IN ('admin', 'support_agent', 'guest', 'basic', 'advanced', 'company')
ON CONFLICT DO NOTHING;
