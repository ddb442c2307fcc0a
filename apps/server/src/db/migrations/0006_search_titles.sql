ALTER TABLE "catalogue_search" ADD COLUMN "title_document" "tsvector" DEFAULT ''::tsvector NOT NULL;--> statement-breakpoint
CREATE INDEX "catalogue_search_title_idx" ON "catalogue_search" USING gin ("title_document");--> statement-breakpoint
-- Entries published before this migration: their titles are the A and B lexemes of the document.
UPDATE "catalogue_search" SET "title_document" = ts_filter("document", '{a,b}');
