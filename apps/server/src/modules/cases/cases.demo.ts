import { DEMO_CITIZEN, DEMO_ENTERPRISE } from '../../demo-people.js';
import type { DemoHolding } from './cases.ports.js';

export { DEMO_CITIZEN, DEMO_ENTERPRISE };

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
