import { DEMO_CITIZEN, DEMO_ENTERPRISE } from '../../demo-people.js';
import { systemContext } from '../../platform/audit.js';
import { chinaDate } from '../../platform/china-time.js';
import { type Db, withTransaction } from '../../platform/database.js';
import * as org from '../org/org.service.js';
import * as repo from './licences.repo.js';
import { createSeal, ensureShippedTypes, issueLicence, type LicenceDeps } from './licences.service.js';

/**
 * Demo seals and licences: 西湖区市场监管局 and the 西湖区 public security branch get seals; 张三 holds
 * his 居民身份证 and 居民户口簿, and 杭州西湖味道餐饮有限公司 its 营业执照 — so the demo's 食品经营许可
 * application can take the licence from the library (免提交). Does nothing once any seal exists.
 */
export async function seedDemoLicences(
  db: Db,
  deps: LicenceDeps,
): Promise<{ seals: number; licences: number }> {
  if ((await repo.listSeals(db, null)).length > 0) return { seals: 0, licences: 0 };
  const departments = await org.departmentsByKeys(db, ['xh-scjg', 'xh-gafj']);
  const market = departments.get('xh-scjg');
  const police = departments.get('xh-gafj');
  if (!market || !police) return { seals: 0, licences: 0 };
  const context = systemContext('seed');
  const today = chinaDate(deps.now());
  const year = Number(today.slice(0, 4));
  return withTransaction(db, async (tx) => {
    await ensureShippedTypes(tx, context);
    const validity = { validFrom: `${year - 1}-01-01`, validUntil: `${year + 4}-12-31` };
    await createSeal(
      tx,
      context,
      deps,
      { departmentId: market.id, kind: '行政审批专用章', ...validity },
      '演示数据',
    );
    await createSeal(
      tx,
      context,
      deps,
      { departmentId: police.id, kind: '电子证照专用章', ...validity },
      '演示数据',
    );
    const citizen = { kind: 'person' as const, name: DEMO_CITIZEN.name, identifier: DEMO_CITIZEN.idNumber };
    await issueLicence(
      tx,
      context,
      deps,
      {
        typeCode: 'JMSFZ',
        departmentId: police.id,
        holder: citizen,
        data: { sex: '男', ethnicity: '汉', bornOn: '1990-03-07', address: '浙江省杭州市西湖区文三路 90 号' },
        validFrom: '2020-03-07',
        validUntil: '2040-03-07',
      },
      { source: 'import' },
    );
    await issueLicence(
      tx,
      context,
      deps,
      {
        typeCode: 'HKB',
        departmentId: police.id,
        holder: citizen,
        data: {
          householdType: '家庭户',
          householder: DEMO_CITIZEN.name,
          relationship: '户主',
          address: '浙江省杭州市西湖区文三路 90 号',
        },
      },
      { source: 'import' },
    );
    await issueLicence(
      tx,
      context,
      deps,
      {
        typeCode: 'YYZZ',
        departmentId: market.id,
        holder: { kind: 'enterprise', name: DEMO_ENTERPRISE.name, identifier: DEMO_ENTERPRISE.creditCode },
        data: {
          enterpriseType: '有限责任公司（自然人投资或控股）',
          legalRepresentative: DEMO_ENTERPRISE.legalRepresentative,
          registeredCapital: '伍拾万元整',
          establishedOn: '2024-05-20',
          address: '浙江省杭州市西湖区文三路 100 号',
          businessScope: '餐饮服务；食品销售（仅销售预包装食品）',
        },
        validFrom: '2024-05-20',
        validUntil: null,
      },
      { source: 'import' },
    );
    return { seals: 2, licences: 3 };
  });
}
