CREATE TYPE "public"."alert_severity" AS ENUM('critical', 'warning', 'info');--> statement-breakpoint
CREATE TYPE "public"."alert_status" AS ENUM('active', 'acknowledged', 'resolved');--> statement-breakpoint
CREATE TYPE "public"."alert_type" AS ENUM('sla_breach', 'uptime_breach', 'billing_threshold');--> statement-breakpoint
CREATE TYPE "public"."sla_timer_state" AS ENUM('running', 'at_risk', 'breached', 'paused', 'met');--> statement-breakpoint
CREATE TABLE "alert_events" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"alert_id" uuid NOT NULL,
	"action" text NOT NULL,
	"actor_label" text NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alert_events_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "alert_events_action" CHECK ("alert_events"."action" in ('triggered', 'acknowledged', 'assigned', 'unassigned', 'resolved'))
);
--> statement-breakpoint
CREATE TABLE "alerts" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"type" "alert_type" NOT NULL,
	"severity" "alert_severity" NOT NULL,
	"status" "alert_status" DEFAULT 'active' NOT NULL,
	"dedup_key" text NOT NULL,
	"title" text NOT NULL,
	"message" text NOT NULL,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"ticket_id" uuid,
	"link_id" uuid,
	"occurrences" integer DEFAULT 1 NOT NULL,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"assignee_id" uuid,
	"assignee_tenant_id" uuid,
	"assignee_label" text,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" text,
	"resolved_at" timestamp with time zone,
	"resolved_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alerts_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "alerts_occurrences" CHECK ("alerts"."occurrences" >= 1),
	CONSTRAINT "alerts_assignee" CHECK (("alerts"."assignee_id" is null) = ("alerts"."assignee_tenant_id" is null)),
	CONSTRAINT "alerts_resolved" CHECK (("alerts"."status" = 'resolved') = ("alerts"."resolved_at" is not null))
);
--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "sla_response_state" "sla_timer_state";--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "sla_resolution_state" "sla_timer_state";--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "sla_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "sla_breached_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "alert_events" ADD CONSTRAINT "alert_events_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_events" ADD CONSTRAINT "alert_events_alert_fk" FOREIGN KEY ("tenant_id","alert_id") REFERENCES "public"."alerts"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_link_id_partner_tenant_links_id_fk" FOREIGN KEY ("link_id") REFERENCES "public"."partner_tenant_links"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_assignee_tenant_id_tenants_id_fk" FOREIGN KEY ("assignee_tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_ticket_fk" FOREIGN KEY ("tenant_id","ticket_id") REFERENCES "public"."tickets"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alert_events_alert_idx" ON "alert_events" USING btree ("tenant_id","alert_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_open_dedup_key" ON "alerts" USING btree ("tenant_id","dedup_key") WHERE "alerts"."status" <> 'resolved';--> statement-breakpoint
CREATE INDEX "alerts_tenant_seen_idx" ON "alerts" USING btree ("tenant_id","last_seen_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "alerts_tenant_active_idx" ON "alerts" USING btree ("tenant_id","type") WHERE "alerts"."status" = 'active';--> statement-breakpoint
CREATE INDEX "tickets_tenant_sla_due_idx" ON "tickets" USING btree ("tenant_id","sla_due_at") WHERE "tickets"."sla_due_at" is not null;--> statement-breakpoint
SELECT enable_tenant_rls('alerts');
--> statement-breakpoint
SELECT enable_tenant_rls('alert_events');
--> statement-breakpoint
-- Partner staff who work tickets or billing for linked tenants acknowledge, assign and resolve
-- their alerts: the new partner.alerts.manage joins the built-in partner roles that work (not the
-- auditor's) and admin, which holds every partner permission.
INSERT INTO role_permissions (tenant_id, role_id, permission)
SELECT r.tenant_id, r.id, 'partner.alerts.manage' FROM roles r
WHERE r.built_in AND r.key IN ('admin', 'partner_msp_full', 'partner_msp_billing', 'partner_msp_support')
ON CONFLICT DO NOTHING;
