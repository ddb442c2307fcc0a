CREATE TABLE "org_departments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"short_name" text NOT NULL,
	"credit_code" text NOT NULL,
	"region_code" text NOT NULL,
	"parent_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "org_departments_key_unique" UNIQUE("key"),
	CONSTRAINT "org_departments_credit_code_unique" UNIQUE("credit_code"),
	CONSTRAINT "org_departments_credit_code_format" CHECK ("org_departments"."credit_code" ~ '^[0-9A-HJ-NPQRTUWXY]{18}$')
);
--> statement-breakpoint
CREATE TABLE "org_regions" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"level" text NOT NULL,
	"parent_code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "org_regions_code_format" CHECK ("org_regions"."code" ~ '^([0-9]{6}|[0-9]{12})$')
);
--> statement-breakpoint
CREATE TABLE "platform_audit_head" (
	"id" integer PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "platform_audit_head_singleton" CHECK ("platform_audit_head"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "platform_audit_log" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_id" text NOT NULL,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"before_digest" text,
	"after_digest" text,
	"request_id" text,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "platform_audit_log_seq_positive" CHECK ("platform_audit_log"."seq" > 0)
);
--> statement-breakpoint
CREATE TABLE "platform_outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"topic" text NOT NULL,
	"payload" jsonb NOT NULL,
	"request_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"available_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"delivered_at" timestamp with time zone,
	"dead_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "org_departments" ADD CONSTRAINT "org_departments_region_code_org_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."org_regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_departments" ADD CONSTRAINT "org_departments_parent_id_org_departments_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."org_departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_regions" ADD CONSTRAINT "org_regions_parent_code_org_regions_code_fk" FOREIGN KEY ("parent_code") REFERENCES "public"."org_regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "org_departments_region_idx" ON "org_departments" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "org_departments_parent_idx" ON "org_departments" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "org_regions_parent_idx" ON "org_regions" USING btree ("parent_code");--> statement-breakpoint
CREATE INDEX "platform_audit_log_entity_idx" ON "platform_audit_log" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "platform_outbox_pending_idx" ON "platform_outbox" USING btree ("available_at") WHERE "platform_outbox"."delivered_at" is null and "platform_outbox"."dead_at" is null;