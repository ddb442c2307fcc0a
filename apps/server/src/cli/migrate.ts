import { applyMigrations, migrationStatus } from '../platform/migrations.js';
import { runCli } from './run-cli.js';

/** `npm run db:migrate`: apply pending migrations to the configured database and report. */
runCli(async (database) => {
  const before = await migrationStatus(database);
  const after = await applyMigrations(database);
  const list = before.pending.length > 0 ? ` (${before.pending.join(', ')})` : '';
  process.stdout.write(
    `${database.engine}: applied ${before.pending.length} migration(s)${list}; ` +
      `${after.applied} in total, ${after.pending.length} pending\n`,
  );
  return after.pending.length === 0 ? 0 : 1;
});
