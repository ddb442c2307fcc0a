import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../platform/audit.js';
import { createTestApp, departmentsByKey, type TestApp } from '../../test/harness.js';
import { seedDemoOrganisation } from '../org/org.seed.js';
import { businessLicence, makeSeal, officer } from './licences.fixtures.js';

/** OpenSSL 3 with SM2/SM3, or the reason it is not usable here. */
function openssl(): { ok: true; version: string } | { ok: false; why: string } {
  const probe = spawnSync('openssl', ['version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return { ok: false, why: 'the openssl command is not installed' };
  const version = probe.stdout.trim();
  if (!/^OpenSSL [3-9]\./.test(version))
    return { ok: false, why: `${version} lacks SM2 distinguishing IDs (needs 3.x)` };
  return { ok: true, version };
}

const available = openssl();
if (!available.ok) console.warn(`SKIPPED OpenSSL verification of licence signatures: ${available.why}`);

/**
 * An issued licence's signature verified by an independent implementation: OpenSSL 3's SM2 with
 * SM3 and the distinguishing ID 1234567812345678, over the canonical JSON of the signed content,
 * with the seal's public key as the registry publishes it (PEM).
 */
describe.skipIf(!available.ok)('licence signatures verify with OpenSSL 3', () => {
  let t: TestApp;
  let directory = '';

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemoOrganisation(t.database.db);
    directory = mkdtempSync(join(tmpdir(), 'yiwang-openssl-'));
  });
  afterAll(async () => {
    rmSync(directory, { recursive: true, force: true });
    await t.close();
  });

  it('verifies the SM2/SM3 signature of an issued licence, and refuses it over changed data', async () => {
    const scjg = (await departmentsByKey(t.app))['xh-scjg']?.id ?? '';
    const seal = await makeSeal(t.app, scjg);
    const issued = await t.app.inject({
      method: 'POST',
      url: '/api/v1/licences',
      headers: officer(scjg),
      payload: businessLicence(scjg),
    });
    expect(issued.statusCode, issued.body).toBe(201);
    const { document } = issued.json();
    const registry = (await t.app.inject({ method: 'GET', url: '/api/v1/licences/seals/registry' })).json();
    const entry = registry.items.find((item: { code: string }) => item.code === document.licence.sealCode);
    expect(entry.publicKey).toBe(seal.publicKey);

    const files = {
      key: join(directory, 'seal.pem'),
      message: join(directory, 'licence.json'),
      tampered: join(directory, 'tampered.json'),
      signature: join(directory, 'licence.sig'),
    };
    writeFileSync(files.key, entry.publicKeyPem);
    writeFileSync(files.message, canonicalJson(document.licence), 'utf8');
    writeFileSync(
      files.tampered,
      canonicalJson({ ...document.licence, data: { ...document.licence.data, businessScope: '烟草零售' } }),
      'utf8',
    );
    writeFileSync(files.signature, Buffer.from(document.signature.value, 'hex'));
    const verifyWith = (message: string) =>
      spawnSync(
        'openssl',
        [
          'pkeyutl',
          '-verify',
          '-pubin',
          '-inkey',
          files.key,
          '-rawin',
          '-digest',
          'sm3',
          '-pkeyopt',
          'distid:1234567812345678',
          '-in',
          message,
          '-sigfile',
          files.signature,
        ],
        { encoding: 'utf8' },
      );
    const good = verifyWith(files.message);
    expect(good.status, good.stderr).toBe(0);
    expect(good.stdout).toContain('Signature Verified Successfully');
    const bad = verifyWith(files.tampered);
    expect(bad.status).not.toBe(0);
    // The key is an SM2 key as OpenSSL reads it.
    expect(
      execFileSync('openssl', ['pkey', '-pubin', '-in', files.key, '-text', '-noout']).toString(),
    ).toContain('SM2');
  });
});
