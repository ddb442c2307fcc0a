CREATE TABLE "catalogue_basic_items" (
	"basic_code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"competent_sector" text NOT NULL,
	"implementing_sector" text NOT NULL,
	"levels" jsonb NOT NULL,
	"legal_basis" jsonb NOT NULL,
	"parent_code" text,
	"aliases" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalogue_bundles" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"audience" text NOT NULL,
	"content" jsonb NOT NULL,
	"terms" text NOT NULL,
	"document" "tsvector" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalogue_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"implementation_code" text NOT NULL,
	"basic_code" text NOT NULL,
	"region_code" text NOT NULL,
	"department_id" uuid NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"competent_sector" text NOT NULL,
	"legal_basis" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "catalogue_entries_implementation_code_unique" UNIQUE("implementation_code")
);
--> statement-breakpoint
CREATE TABLE "catalogue_entry_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"entry_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"content" jsonb NOT NULL,
	"valid_from" date,
	"valid_to" date,
	"published_at" timestamp with time zone,
	"retired_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalogue_search" (
	"entry_id" uuid PRIMARY KEY NOT NULL,
	"version_id" uuid NOT NULL,
	"implementation_code" text NOT NULL,
	"basic_code" text NOT NULL,
	"name" text NOT NULL,
	"region_code" text NOT NULL,
	"department_id" uuid NOT NULL,
	"type" text NOT NULL,
	"audiences" text[] NOT NULL,
	"themes" text[] NOT NULL,
	"online_depth" integer NOT NULL,
	"high_frequency" boolean NOT NULL,
	"terms" text NOT NULL,
	"document" "tsvector" NOT NULL
);
--> statement-breakpoint
ALTER TABLE "catalogue_basic_items" ADD CONSTRAINT "catalogue_basic_items_parent_code_catalogue_basic_items_basic_code_fk" FOREIGN KEY ("parent_code") REFERENCES "public"."catalogue_basic_items"("basic_code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalogue_entries" ADD CONSTRAINT "catalogue_entries_basic_code_catalogue_basic_items_basic_code_fk" FOREIGN KEY ("basic_code") REFERENCES "public"."catalogue_basic_items"("basic_code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalogue_entry_versions" ADD CONSTRAINT "catalogue_entry_versions_entry_id_catalogue_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."catalogue_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalogue_search" ADD CONSTRAINT "catalogue_search_entry_id_catalogue_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."catalogue_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalogue_search" ADD CONSTRAINT "catalogue_search_version_id_catalogue_entry_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."catalogue_entry_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "catalogue_basic_items_parent_idx" ON "catalogue_basic_items" USING btree ("parent_code");--> statement-breakpoint
CREATE INDEX "catalogue_bundles_document_idx" ON "catalogue_bundles" USING gin ("document");--> statement-breakpoint
CREATE INDEX "catalogue_entries_region_idx" ON "catalogue_entries" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "catalogue_entries_basic_idx" ON "catalogue_entries" USING btree ("basic_code");--> statement-breakpoint
CREATE INDEX "catalogue_entries_department_idx" ON "catalogue_entries" USING btree ("department_id");--> statement-breakpoint
CREATE UNIQUE INDEX "catalogue_entry_versions_number_idx" ON "catalogue_entry_versions" USING btree ("entry_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "catalogue_entry_versions_one_draft_idx" ON "catalogue_entry_versions" USING btree ("entry_id") WHERE "catalogue_entry_versions"."status" = 'draft';--> statement-breakpoint
CREATE UNIQUE INDEX "catalogue_entry_versions_one_published_idx" ON "catalogue_entry_versions" USING btree ("entry_id") WHERE "catalogue_entry_versions"."status" = 'published';--> statement-breakpoint
CREATE INDEX "catalogue_search_document_idx" ON "catalogue_search" USING gin ("document");--> statement-breakpoint
CREATE INDEX "catalogue_search_terms_idx" ON "catalogue_search" USING gin ("terms" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "catalogue_search_region_idx" ON "catalogue_search" USING btree ("region_code");