CREATE TABLE "case_bundle_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"bundle_code" text NOT NULL,
	"bundle_name" text NOT NULL,
	"region_code" text NOT NULL,
	"applicant_account_id" text NOT NULL,
	"applicant_name" text NOT NULL,
	"form" jsonb NOT NULL,
	"members" text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_webhook_subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"department_id" uuid NOT NULL,
	"url" text NOT NULL,
	"secret_encrypted" text NOT NULL,
	"actions" text[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "case_bundle_applications_applicant_idx" ON "case_bundle_applications" USING btree ("applicant_account_id","created_at");--> statement-breakpoint
CREATE INDEX "case_webhook_subscriptions_department_idx" ON "case_webhook_subscriptions" USING btree ("department_id");