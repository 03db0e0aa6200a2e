-- The documents' API names users by a 7-digit `user_id` and partners by a 4-digit `provider_id`
-- (../shared/seeds/doctest-openapi.yaml). Each user gets a customer number unique within its
-- tenant, each tenant a provider code unique on the platform, drawn at random on insert (not a
-- counter: a number says nothing about how many there are or which came first).
ALTER TABLE "tenants" ADD COLUMN "provider_code" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "customer_number" text;--> statement-breakpoint
-- Existing rows: a permutation (n * 7919 + offset) mod range is one-to-one, so the numbers are
-- unique without a retry loop (7919 is prime to 9,000,000 and to 9,000).
UPDATE "users" u SET "customer_number" = n.num
FROM (
  SELECT tenant_id, id,
         (1000000 + ((row_number() OVER (PARTITION BY tenant_id ORDER BY created_at, id)) * 7919 + abs(hashtext(tenant_id::text)) % 9000000) % 9000000)::text AS num
  FROM "users"
) n
WHERE u.tenant_id = n.tenant_id AND u.id = n.id;--> statement-breakpoint
UPDATE "tenants" t SET "provider_code" = n.code
FROM (SELECT id, (1000 + ((row_number() OVER (ORDER BY onboarded_on, id)) * 7919) % 9000)::text AS code FROM "tenants") n
WHERE t.id = n.id;--> statement-breakpoint
CREATE FUNCTION portal_assign_customer_number() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
  candidate text;
BEGIN
  IF NEW.customer_number IS NOT NULL THEN
    RETURN NEW;
  END IF;
  LOOP
    candidate := (1000000 + floor(random() * 9000000))::int::text;
    EXIT WHEN NOT EXISTS (SELECT 1 FROM users WHERE tenant_id = NEW.tenant_id AND customer_number = candidate);
  END LOOP;
  NEW.customer_number := candidate;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER users_customer_number BEFORE INSERT ON "users" FOR EACH ROW EXECUTE FUNCTION portal_assign_customer_number();--> statement-breakpoint
CREATE FUNCTION portal_assign_provider_code() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
  candidate text;
BEGIN
  IF NEW.provider_code IS NOT NULL THEN
    RETURN NEW;
  END IF;
  LOOP
    candidate := (1000 + floor(random() * 9000))::int::text;
    EXIT WHEN NOT EXISTS (SELECT 1 FROM tenants WHERE provider_code = candidate);
  END LOOP;
  NEW.provider_code := candidate;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER tenants_provider_code BEFORE INSERT ON "tenants" FOR EACH ROW EXECUTE FUNCTION portal_assign_provider_code();--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "customer_number" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "tenants" ALTER COLUMN "provider_code" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_customer_number_format" CHECK ("customer_number" ~ '^[1-9][0-9]{6}$');--> statement-breakpoint
ALTER TABLE "tenants" ADD CONSTRAINT "tenants_provider_code_format" CHECK ("provider_code" ~ '^[1-9][0-9]{3}$');--> statement-breakpoint
CREATE UNIQUE INDEX "tenants_provider_code_key" ON "tenants" USING btree ("provider_code");--> statement-breakpoint
CREATE UNIQUE INDEX "users_tenant_customer_number_key" ON "users" USING btree ("tenant_id","customer_number");
