CREATE SEQUENCE "public"."case_application_serial" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE SEQUENCE "public"."case_number_serial" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "case_actions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"action" text NOT NULL,
	"from_status" text NOT NULL,
	"to_status" text NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_id" text NOT NULL,
	"department_id" uuid,
	"public" boolean NOT NULL,
	"details" jsonb NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_materials" (
	"case_id" uuid NOT NULL,
	"material_key" text NOT NULL,
	"name" text NOT NULL,
	"source" text NOT NULL,
	"blob_sha256" text,
	"file_name" text,
	"media_type" text,
	"size" integer,
	"reference" text,
	"provided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_materials_case_id_material_key_pk" PRIMARY KEY("case_id","material_key")
);
--> statement-breakpoint
CREATE TABLE "case_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"document_number" text NOT NULL,
	"content" jsonb NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_warnings" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"level" text NOT NULL,
	"due" date NOT NULL,
	"raised_on" date NOT NULL,
	"raised_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_number" text NOT NULL,
	"case_number" text,
	"version_id" uuid NOT NULL,
	"implementation_code" text NOT NULL,
	"item_name" text NOT NULL,
	"region_code" text NOT NULL,
	"department_id" uuid NOT NULL,
	"applicant_kind" text NOT NULL,
	"applicant_account_id" text NOT NULL,
	"applicant_name" text NOT NULL,
	"applicant_identifier_encrypted" text NOT NULL,
	"applicant_identifier_index" text NOT NULL,
	"applicant_mobile_encrypted" text,
	"channel" text NOT NULL,
	"proxy" jsonb,
	"bundle_application_id" uuid,
	"form" jsonb NOT NULL,
	"status" text NOT NULL,
	"facts" jsonb NOT NULL,
	"revision" integer DEFAULT 0 NOT NULL,
	"step_index" integer,
	"step_started_on" date,
	"step_due" date,
	"handler_department_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"joint_opinions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"corrections" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"deferred_materials" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"submitted_at" timestamp with time zone,
	"received_on" date,
	"completeness_due" date,
	"deemed_accepted" boolean DEFAULT false NOT NULL,
	"accepted_on" date,
	"legal_limit_days" integer,
	"promised_limit_days" integer,
	"extension_days" integer DEFAULT 0 NOT NULL,
	"paused_days" integer DEFAULT 0 NOT NULL,
	"suspended_on" date,
	"legal_due" date,
	"promised_due" date,
	"decided_on" date,
	"delivery_due" date,
	"completed_at" timestamp with time zone,
	"warning_level" text DEFAULT 'none' NOT NULL,
	"assignee_id" text,
	"claimed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cases_warning_level" CHECK ("cases"."warning_level" in ('none', 'yellow', 'red'))
);
--> statement-breakpoint
CREATE TABLE "platform_idempotency_keys" (
	"principal_id" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"status_code" integer NOT NULL,
	"response" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "platform_idempotency_keys_principal_id_key_pk" PRIMARY KEY("principal_id","key")
);
--> statement-breakpoint
ALTER TABLE "case_actions" ADD CONSTRAINT "case_actions_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_materials" ADD CONSTRAINT "case_materials_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_notices" ADD CONSTRAINT "case_notices_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_warnings" ADD CONSTRAINT "case_warnings_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "case_actions_seq_idx" ON "case_actions" USING btree ("case_id","seq");--> statement-breakpoint
CREATE INDEX "case_warnings_case_idx" ON "case_warnings" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_application_number_idx" ON "cases" USING btree ("application_number");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_case_number_idx" ON "cases" USING btree ("case_number");--> statement-breakpoint
CREATE INDEX "cases_applicant_idx" ON "cases" USING btree ("applicant_account_id","created_at");--> statement-breakpoint
CREATE INDEX "cases_department_status_idx" ON "cases" USING btree ("department_id","status");--> statement-breakpoint
CREATE INDEX "cases_handlers_idx" ON "cases" USING gin ("handler_department_ids");--> statement-breakpoint
CREATE INDEX "cases_region_status_idx" ON "cases" USING btree ("region_code","status");--> statement-breakpoint
CREATE INDEX "cases_promised_due_idx" ON "cases" USING btree ("promised_due") WHERE "cases"."completed_at" is null;--> statement-breakpoint
CREATE INDEX "cases_bundle_idx" ON "cases" USING btree ("bundle_application_id");
--> statement-breakpoint
-- The action log of a case is append-only: its timeline and its trail (STYLE: cases are an
-- append-only action log). Refuse UPDATE, DELETE and TRUNCATE at the database itself.
CREATE OR REPLACE FUNCTION case_actions_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'case_actions is append-only (% refused)', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER case_actions_no_update_delete
  BEFORE UPDATE OR DELETE ON case_actions
  FOR EACH ROW EXECUTE FUNCTION case_actions_refuse_change();
--> statement-breakpoint
CREATE TRIGGER case_actions_no_truncate
  BEFORE TRUNCATE ON case_actions
  FOR EACH STATEMENT EXECUTE FUNCTION case_actions_refuse_change();
