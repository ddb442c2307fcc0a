import { citizenIdCheckChar, makeCreditCode } from '@yiwang/codes';
import type { DemoHolding } from './cases.ports.js';

/**
 * The demo applicants (all fictitious, with valid check characters): a citizen registered in
 * 杭州市西湖区 and a catering company there. Their e-licences and shared data stand in for the
 * licence library and the data exchange until those modules exist.
 */
const citizen17 = '33010619900307123';
export const DEMO_CITIZEN = {
  name: '张三',
  idNumber: `${citizen17}${citizenIdCheckChar(citizen17)}`,
  mobile: '13800571234',
};
export const DEMO_ENTERPRISE = {
  name: '杭州西湖味道餐饮有限公司',
  creditCode: makeCreditCode({
    registrationAuthority: '9',
    category: '1',
    regionCode: '330106',
    orgCodeBody: 'MA2H7K3Q',
  }),
  legalRepresentative: DEMO_CITIZEN.name,
};

export const DEMO_HOLDINGS: readonly DemoHolding[] = [
  {
    holder: DEMO_CITIZEN.idNumber,
    kind: 'licence',
    type: 'JMSFZ',
    reference: `1.2.156.3005.2.JMSFZ.demo.${DEMO_CITIZEN.idNumber.slice(-6)}`,
    title: '居民身份证（张三）',
  },
  {
    holder: DEMO_CITIZEN.idNumber,
    kind: 'licence',
    type: 'HKB',
    reference: `1.2.156.3005.2.HKB.demo.${DEMO_CITIZEN.idNumber.slice(-6)}`,
    title: '居民户口簿（张三）',
  },
  {
    holder: DEMO_ENTERPRISE.creditCode,
    kind: 'licence',
    type: 'YYZZ',
    reference: `1.2.156.3005.2.YYZZ.demo.${DEMO_ENTERPRISE.creditCode}`,
    title: `营业执照（${DEMO_ENTERPRISE.name}）`,
  },
];
