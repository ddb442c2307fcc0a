-- The warning scan moves from the wide, many-indexed `cases` rows to a narrow table of its own:
-- one row per running case (due date and the level last raised for it). The level shown on a case
-- and its queues follows from `warning_due` and the day; this table is what the scan compares with.
CREATE TABLE "case_warning_levels" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"due" date NOT NULL,
	"level" text DEFAULT 'none' NOT NULL,
	CONSTRAINT "case_warning_levels_level" CHECK ("case_warning_levels"."level" in ('none', 'yellow', 'red'))
);
--> statement-breakpoint
ALTER TABLE "case_warning_levels" ADD CONSTRAINT "case_warning_levels_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- The levels raised so far carry over, so the first scan after this migration repeats no warning.
INSERT INTO "case_warning_levels" ("case_id", "due", "level")
  SELECT "id", "warning_due", "warning_level" FROM "cases" WHERE "warning_due" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "case_warning_levels_level_due_idx" ON "case_warning_levels" USING btree ("level","due");--> statement-breakpoint
ALTER TABLE "cases" DROP CONSTRAINT "cases_warning_level";--> statement-breakpoint
-- Warning records keep their case id without a key check (see the schema): the check's row lock
-- would rewrite a page of `cases` for every record a new day's scan writes.
ALTER TABLE "case_warnings" DROP CONSTRAINT "case_warnings_case_id_cases_id_fk";--> statement-breakpoint
DROP INDEX "cases_warning_due_idx";--> statement-breakpoint
CREATE INDEX "cases_warning_due_idx" ON "cases" USING btree ("warning_due") WHERE "cases"."warning_due" is not null;--> statement-breakpoint
ALTER TABLE "cases" DROP COLUMN "warning_level";--> statement-breakpoint
-- Kept in step with `cases.warning_due` by the database, whatever writes the case: a case that
-- starts running gets a row at level none; a moved due date resets the level to none (the scan
-- raises it again for the new date); a case that stops running loses its row.
CREATE OR REPLACE FUNCTION case_warning_levels_follow() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    -- Statement level: one set-based insert for a batch of new cases.
    INSERT INTO case_warning_levels (case_id, due)
      SELECT id, warning_due FROM inserted_cases WHERE warning_due IS NOT NULL;
  ELSIF NEW.warning_due IS NULL THEN
    DELETE FROM case_warning_levels WHERE case_id = NEW.id;
  ELSE
    INSERT INTO case_warning_levels (case_id, due) VALUES (NEW.id, NEW.warning_due)
      ON CONFLICT (case_id) DO UPDATE SET due = excluded.due, level = 'none';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER cases_warning_levels_insert
  AFTER INSERT ON cases REFERENCING NEW TABLE AS inserted_cases
  FOR EACH STATEMENT EXECUTE FUNCTION case_warning_levels_follow();
--> statement-breakpoint
CREATE TRIGGER cases_warning_levels_update
  AFTER UPDATE ON cases
  FOR EACH ROW WHEN (OLD.warning_due IS DISTINCT FROM NEW.warning_due)
  EXECUTE FUNCTION case_warning_levels_follow();
