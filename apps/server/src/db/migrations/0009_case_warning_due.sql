ALTER TABLE "cases" ADD COLUMN "warning_due" date GENERATED ALWAYS AS (case when completed_at is null and suspended_on is null
                and status in ('accepted', 'under_review', 'approved', 'produced')
           then case when status in ('approved', 'produced') then delivery_due
                     else least(legal_due, promised_due) end
           end) STORED;--> statement-breakpoint
CREATE INDEX "cases_warning_due_idx" ON "cases" USING btree ("warning_level","warning_due") WHERE "cases"."warning_due" is not null;