import { verifyAuditChain } from '../platform/audit.js';
import { runCli } from './run-cli.js';

/**
 * `npm run audit:verify`: walk the SM3 hash chain of the audit log and report the first broken
 * link. Exit code 0 when intact, 1 when broken, 2 when it could not run.
 */
runCli(async (database) => {
  const result = await verifyAuditChain(database.db);
  if (result.ok) {
    process.stdout.write(`audit chain intact: ${result.records} record(s), head ${result.headHash}\n`);
    return 0;
  }
  process.stdout.write(
    `AUDIT CHAIN BROKEN at record ${result.brokenAt}: ${result.reason} (${result.records} record(s) verified before it)\n`,
  );
  return 1;
});
