/**
 * `npm run bench:licences`: how fast the platform signs and verifies e-licences in-process, against
 * raw sm-crypto SM2/SM3 signing and verifying the very same bytes in the same run. Target (the
 * issue's): the platform's signatures and verifications per second at least 0.80 of raw. A missed
 * target prints FAIL and does not change the exit code. See bench/README.md.
 *
 * - raw sign: `sm2.doSignature(text, privateKey, { hash, der, userId, publicKey })` on the canonical
 *   text of a 营业执照's content;
 * - platform sign: `sealDocument` — the seal's private key decrypted (AES-256-GCM), the content
 *   canonicalized, signed, and its SM3 digest taken for the registry: everything issuing does but the
 *   database writes;
 * - raw verify: `sm2.doVerifySignature` on the same text and signature;
 * - platform verify: `documentSignatureProblem` — the identifier's ISO 7064 check character and
 *   parts, the content canonicalized and the signature verified: what verification does but the
 *   registry lookups.
 */
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { makeLicenceId } from '@yiwang/codes';
import { sm2 } from 'sm-crypto';
import { generateSealKeys, signedText } from '../apps/server/src/modules/licences/licences.crypto.js';
import { type SignedLicence, SM2_USER_ID } from '../apps/server/src/modules/licences/licences.model.js';
import {
  documentSignatureProblem,
  sealDocument,
} from '../apps/server/src/modules/licences/licences.service.js';
import { FieldCipher } from '../apps/server/src/platform/field-crypto.js';
import { integerSetting, progress } from './lib/run.js';

const TARGET = 0.8;

/** Operations per second of `op` over about `seconds`, after a short warm-up. */
function rate(op: () => unknown, seconds: number): number {
  const warmUntil = performance.now() + 200;
  while (performance.now() < warmUntil) op();
  let count = 0;
  const start = performance.now();
  const until = start + seconds * 1000;
  while (performance.now() < until) {
    op();
    count += 1;
  }
  return count / ((performance.now() - start) / 1000);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

function main(): void {
  const seconds = integerSetting(process.env, 'BENCH_SECONDS', 2);
  const rounds = integerSetting(process.env, 'BENCH_ROUNDS', 3);
  const keys = generateSealKeys();
  const cipher = new FieldCipher(randomBytes(32).toString('base64url'));
  const seal = { privateKeyEncrypted: cipher.encrypt(keys.privateKey), publicKey: keys.publicKey };
  const issuerCode = '11330106002482226X';
  const content: SignedLicence = {
    identifier: makeLicenceId({ typeCode: 'YYZZ', issuerCode, serial: '0000001', version: 1 }),
    typeCode: 'YYZZ',
    typeName: '营业执照',
    version: 1,
    licenceNumber: '91330106MA2H7K3Q0L',
    holder: { kind: 'enterprise', name: '杭州西湖味道餐饮有限公司', identifier: '91330106MA2H7K3Q0L' },
    issuer: { name: '杭州市西湖区市场监督管理局', code: issuerCode },
    issuedOn: '2026-04-15',
    validFrom: '2026-04-15',
    validUntil: null,
    data: {
      enterpriseName: '杭州西湖味道餐饮有限公司',
      enterpriseType: '有限责任公司（自然人投资或控股）',
      legalRepresentative: '张三',
      registeredCapital: '50 万元人民币',
      establishedOn: '2026-04-15',
      address: '浙江省杭州市西湖区文三路 100 号',
      businessScope: '餐饮服务；食品销售（仅销售预包装食品）',
    },
    sealCode: '3301060000001',
  } as SignedLicence;
  const text = signedText(content);
  const signOptions = { hash: true, der: true, userId: SM2_USER_ID, publicKey: keys.publicKey };
  const verifyOptions = { hash: true, der: true, userId: SM2_USER_ID };
  const { document } = sealDocument({ cipher }, seal, content);
  const signature = document.signature.value;
  // Both sides must do real work that succeeds: check once before measuring.
  if (
    !sm2.doVerifySignature(
      text,
      sm2.doSignature(text, keys.privateKey, signOptions),
      keys.publicKey,
      verifyOptions,
    )
  )
    throw new Error('raw sm-crypto signature does not verify');
  if (documentSignatureProblem(document, keys.publicKey) !== null)
    throw new Error('platform signature does not verify');

  const samples = {
    rawSign: [] as number[],
    sign: [] as number[],
    rawVerify: [] as number[],
    verify: [] as number[],
  };
  for (let round = 1; round <= rounds; round += 1) {
    progress(`round ${round}/${rounds}`);
    samples.rawSign.push(rate(() => sm2.doSignature(text, keys.privateKey, signOptions), seconds));
    samples.sign.push(rate(() => sealDocument({ cipher }, seal, content), seconds));
    samples.rawVerify.push(
      rate(() => sm2.doVerifySignature(text, signature, keys.publicKey, verifyOptions), seconds),
    );
    samples.verify.push(rate(() => documentSignatureProblem(document, keys.publicKey), seconds));
  }
  const rows = [
    ['sign', median(samples.sign), median(samples.rawSign)],
    ['verify', median(samples.verify), median(samples.rawVerify)],
  ] as const;
  const lines = [
    `licences in-process (Node ${process.version}, ${cpus().length} cores, load ${loadavg()[0]?.toFixed(2)}; ${rounds} rounds of ${seconds} s, medians)`,
    '',
    '| operation | platform ops/s | raw sm-crypto ops/s | ratio | target |',
    '| --- | ---: | ---: | ---: | --- |',
    ...rows.map(([name, platform, raw]) => {
      const ratio = platform / raw;
      return `| ${name} | ${platform.toFixed(0)} | ${raw.toFixed(0)} | ${ratio.toFixed(3)} | ≥ ${TARGET.toFixed(2)} ${ratio >= TARGET ? 'PASS' : 'FAIL'} |`;
    }),
    '',
    `content: ${text.length} characters of canonical JSON (a 营业执照)`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  for (const [name, platform, raw] of rows)
    if (platform / raw < TARGET)
      process.stderr.write(`\n!!! ${name}: ${(platform / raw).toFixed(3)} of raw, under ${TARGET}\n`);
}

main();
