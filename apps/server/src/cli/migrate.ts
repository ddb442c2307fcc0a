import { ConfigError, loadConfig } from '../config.js';
import { openDatabase } from '../platform/database.js';
import { applyMigrations, migrationStatus } from '../platform/migrations.js';

/** `npm run db:migrate`: apply pending migrations to the configured database and report. */
async function main(): Promise<number> {
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    const before = await migrationStatus(database);
    const after = await applyMigrations(database);
    process.stdout.write(
      `${database.engine}: applied ${before.pending.length} migration(s)` +
        `${before.pending.length > 0 ? ` (${before.pending.join(', ')})` : ''}; ${after.applied} in total, ` +
        `${after.pending.length} pending\n`,
    );
    return after.pending.length === 0 ? 0 : 1;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
