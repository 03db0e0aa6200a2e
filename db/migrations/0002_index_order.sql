-- ORDER BY x DESC means NULLS FIRST; the indexes must say the same or list queries sort the tenant.
DROP INDEX "sessions_tenant_user_idx";--> statement-breakpoint
DROP INDEX "users_tenant_created_idx";--> statement-breakpoint
DROP INDEX "audit_events_tenant_time_idx";--> statement-breakpoint
CREATE INDEX "sessions_tenant_user_idx" ON "sessions" USING btree ("tenant_id","user_id","created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "users_tenant_created_idx" ON "users" USING btree ("tenant_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "audit_events_tenant_time_idx" ON "audit_events" USING btree ("tenant_id","occurred_at" DESC NULLS FIRST,"seq" DESC NULLS FIRST);