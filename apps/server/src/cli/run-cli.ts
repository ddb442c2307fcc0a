import { ConfigError, loadConfig } from '../config.js';
import { type Database, openDatabase } from '../platform/database.js';

/**
 * Run a command-line task against the configured database: load the config, open the database,
 * run, close, and exit with the task's code — 2 when it could not run (bad config, no database).
 */
export function runCli(task: (database: Database) => Promise<number>): void {
  const run = async () => {
    const database = await openDatabase(loadConfig());
    try {
      return await task(database);
    } finally {
      await database.close();
    }
  };
  run().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
      process.exit(2);
    },
  );
}
