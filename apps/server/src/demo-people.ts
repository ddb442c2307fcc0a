import { citizenIdCheckChar, makeCreditCode } from '@yiwang/codes';

/**
 * The demo applicants (all fictitious, with valid check characters): a citizen registered in
 * 杭州市西湖区 and a catering company there. They have accounts in the demo
 * (identity), and their e-licences and shared data are the demo holdings (cases.demo.ts).
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

/** A second citizen: 王芳, the demo enterprise's authorized agent (经办人). */
const agent17 = '33010619850612242';
export const DEMO_AGENT = {
  name: '王芳',
  idNumber: `${agent17}${citizenIdCheckChar(agent17)}`,
  mobile: '13857100002',
};
