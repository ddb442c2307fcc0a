import { join } from 'node:path';
import { loadConfig } from '../config.js';
import { rotateSigningKey } from '../modules/identity/identity.keys.js';
import { systemContext } from '../platform/audit.js';
import { developmentSecret, FieldCipher } from '../platform/field-crypto.js';
import { runCli } from './run-cli.js';

/**
 * `npm run identity:rotate-key`: a new signing key per algorithm signs the OIDC provider's tokens
 * from now on; the previous keys stay published until every token they signed has expired. Running
 * servers pick the new keys up within a minute.
 */
runCli(async (database) => {
  const config = loadConfig();
  const secret =
    config.appSecret ??
    (await developmentSecret(config.dataDir === ':memory:' ? null : join(config.dataDir, 'app-secret')));
  const result = await rotateSigningKey(
    database.db,
    new FieldCipher(secret),
    new Date(),
    systemContext('cli:identity:rotate-key'),
  );
  process.stdout.write(
    `signing keys rotated: now signing with ${result.kids.join(', ')}; still published until expiry: ${result.retired.join(', ') || '(none)'}\n`,
  );
  return 0;
});
