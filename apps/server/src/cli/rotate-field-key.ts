import { loadConfig } from '../config.js';
import { rotateFieldKey } from '../field-keys.js';
import { FieldCipher } from '../platform/field-crypto.js';
import { runCli } from './run-cli.js';

/**
 * `npm run keys:rotate-fields`: APP_SECRET is the new master secret, APP_SECRET_PREVIOUS the old
 * one(s). Exit 0 when done, 2 when it could not run (nothing is changed then).
 */
runCli(async (database) => {
  const config = loadConfig();
  if (!config.appSecret || config.appSecretPrevious.length === 0) {
    process.stderr.write(
      'Set APP_SECRET to the new master secret and APP_SECRET_PREVIOUS to the one the data is encrypted with.\n',
    );
    return 2;
  }
  const changed = await rotateFieldKey(database, new FieldCipher(config.appSecret, config.appSecretPrevious));
  for (const [table, rows] of Object.entries(changed)) process.stdout.write(`${table}: ${rows} row(s)\n`);
  process.stdout.write('personal data re-encrypted; start the app with the new APP_SECRET only.\n');
  return 0;
});
