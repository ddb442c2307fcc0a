CREATE TABLE "licence_seals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"department_id" uuid NOT NULL,
	"issuer_code" text NOT NULL,
	"issuer_name" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_until" date NOT NULL,
	"public_key" text NOT NULL,
	"private_key_encrypted" text NOT NULL,
	"maker" text NOT NULL,
	"seal_signature" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"status_reason" text,
	"status_changed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "licence_seals_status_check" CHECK ("licence_seals"."status" in ('active', 'suspended', 'revoked'))
);
--> statement-breakpoint
CREATE TABLE "licence_serials" (
	"type_code" text NOT NULL,
	"issuer_code" text NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "licence_serials_type_code_issuer_code_pk" PRIMARY KEY("type_code","issuer_code")
);
--> statement-breakpoint
CREATE TABLE "licence_share_log" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"client_kind" text NOT NULL,
	"client_id" text NOT NULL,
	"operation" text NOT NULL,
	"holder_index" text,
	"type_code" text,
	"identifier" text,
	"results" integer NOT NULL,
	"request_id" text,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "licence_status_events" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"licence_id" uuid NOT NULL,
	"identifier" text NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "licence_types" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"defining_department" text NOT NULL,
	"holder_kind" text NOT NULL,
	"fields" jsonb NOT NULL,
	"validity" jsonb NOT NULL,
	"template" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "licence_uses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"licence_id" uuid NOT NULL,
	"identifier" text NOT NULL,
	"holder_index" text NOT NULL,
	"case_id" uuid NOT NULL,
	"material_key" text NOT NULL,
	"grade" text NOT NULL,
	"consent" boolean NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_id" text NOT NULL,
	"actor_name" text NOT NULL,
	"agent_name" text,
	"used_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "licence_uses_grade_check" CHECK ("licence_uses"."grade" in ('A', 'B', 'C', 'D'))
);
--> statement-breakpoint
CREATE TABLE "licences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"identifier" text NOT NULL,
	"type_code" text NOT NULL,
	"type_name" text NOT NULL,
	"issuer_code" text NOT NULL,
	"issuer_name" text NOT NULL,
	"department_id" uuid NOT NULL,
	"serial" text NOT NULL,
	"version" integer NOT NULL,
	"licence_number" text,
	"holder_kind" text NOT NULL,
	"holder_name" text NOT NULL,
	"holder_identifier_encrypted" text NOT NULL,
	"holder_index" text NOT NULL,
	"issued_on" date NOT NULL,
	"valid_from" date NOT NULL,
	"valid_until" date,
	"document_encrypted" text NOT NULL,
	"digest" text NOT NULL,
	"signature" text NOT NULL,
	"seal_id" uuid NOT NULL,
	"status" text DEFAULT 'valid' NOT NULL,
	"status_reason" text,
	"status_changed_at" timestamp with time zone,
	"source" text NOT NULL,
	"case_id" uuid,
	"case_number" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "licences_status_check" CHECK ("licences"."status" in ('valid', 'suspended', 'revoked', 'cancelled', 'superseded')),
	CONSTRAINT "licences_source_check" CHECK ("licences"."source" in ('case', 'officer', 'import'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "licence_seals_code_key" ON "licence_seals" USING btree ("code");--> statement-breakpoint
CREATE INDEX "licence_seals_department_idx" ON "licence_seals" USING btree ("department_id","status");--> statement-breakpoint
CREATE INDEX "licence_share_log_client_idx" ON "licence_share_log" USING btree ("client_id","occurred_at");--> statement-breakpoint
CREATE INDEX "licence_status_events_identifier_idx" ON "licence_status_events" USING btree ("identifier");--> statement-breakpoint
CREATE INDEX "licence_uses_holder_idx" ON "licence_uses" USING btree ("holder_index","used_at");--> statement-breakpoint
CREATE INDEX "licence_uses_case_idx" ON "licence_uses" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "licences_identifier_key" ON "licences" USING btree ("identifier");--> statement-breakpoint
CREATE UNIQUE INDEX "licences_version_key" ON "licences" USING btree ("type_code","issuer_code","serial","version");--> statement-breakpoint
CREATE INDEX "licences_holder_idx" ON "licences" USING btree ("holder_index","type_code");--> statement-breakpoint
CREATE INDEX "licences_department_idx" ON "licences" USING btree ("department_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "licences_case_key" ON "licences" USING btree ("case_id") WHERE "licences"."source" = 'case' and "licences"."version" = 1;