-- Stored answers are written once and read back only by a retry: `json` keeps their text as sent
-- (the key order of the first answer) and spares the server a `jsonb` parse of each on the way in.
ALTER TABLE "platform_idempotency_keys" ALTER COLUMN "response" SET DATA TYPE json USING "response"::json;--> statement-breakpoint
-- An answer (a case view, 2-5 kB) is compressed on its way to TOAST: lz4 takes a fraction of the
-- CPU of the default pglz. A server built without lz4 (PGlite) keeps pglz.
DO $$
BEGIN
  ALTER TABLE "platform_idempotency_keys" ALTER COLUMN "response" SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
  NULL;
END
$$;
