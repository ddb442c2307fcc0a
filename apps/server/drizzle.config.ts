import { defineConfig } from 'drizzle-kit';

/** drizzle-kit generates the committed SQL migrations from the schema; the app applies them. */
export default defineConfig({
  dialect: 'postgresql',
  schema: './apps/server/src/db/schema/*.ts',
  out: './apps/server/src/db/migrations',
});
