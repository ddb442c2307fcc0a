CREATE TABLE "interaction_ratings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"case_number" text,
	"item_name" text NOT NULL,
	"department_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"level" integer NOT NULL,
	"comment" text,
	"reasons" text[] DEFAULT '{}'::text[] NOT NULL,
	"channel" text NOT NULL,
	"rater_account_id" text NOT NULL,
	"follow_up" text NOT NULL,
	"rectify_due" date,
	"rectification" text,
	"rectified_by" text,
	"rectified_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "interaction_ratings_level" CHECK ("interaction_ratings"."level" between 1 and 5)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "interaction_ratings_case_idx" ON "interaction_ratings" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "interaction_ratings_follow_up_idx" ON "interaction_ratings" USING btree ("follow_up","rectify_due");--> statement-breakpoint
CREATE INDEX "interaction_ratings_department_idx" ON "interaction_ratings" USING btree ("department_id","created_at");