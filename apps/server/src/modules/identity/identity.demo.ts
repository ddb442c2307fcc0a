import { DEMO_AGENT, DEMO_CITIZEN, DEMO_ENTERPRISE } from '../../demo-people.js';
import { systemContext } from '../../platform/audit.js';
import { type Db, withTransaction } from '../../platform/database.js';
import type { FieldCipher } from '../../platform/field-crypto.js';
import * as org from '../org/org.service.js';
import { createEnterpriseAccount, createPersonAccount, createStaffAccount } from './identity.accounts.js';
import { findAccountByUsername } from './identity.accounts.repo.js';
import { grantAgent, grantRole } from './identity.authority.js';
import { ROLE_NAMES, type Role } from './identity.roles.js';

/**
 * The password of every demo account. Demo data is loaded only where `SEED_DEMO_DATA` is on
 * (development by default), and `npm start` prints it with the logins.
 */
export const DEMO_PASSWORD = 'Yiwang#2026';

/** One demo login as the start banner prints it. */
export interface DemoLogin {
  who: string;
  login: string;
  note: string;
}

interface DemoStaff {
  name: string;
  username: string;
  departmentKey: string;
  roles: Role[];
  /** Grant the roles over the region rather than the department. */
  overRegion?: string;
  /** Grant the roles everywhere. */
  everywhere?: boolean;
}

/** Staff of 西湖区 and 杭州市 covering each role of a case (以开办餐饮店为例) and administration. */
const DEMO_STAFF: DemoStaff[] = [
  { name: '周晓敏', username: 'xh.window', departmentKey: 'xh-scjg', roles: ['window_clerk'] },
  { name: '吴建华', username: 'xh.reviewer', departmentKey: 'xh-scjg', roles: ['reviewer'] },
  {
    name: '郑国强',
    username: 'xh.approver',
    departmentKey: 'xh-scjg',
    roles: ['approver', 'licence_officer'],
  },
  { name: '钱文静', username: 'xh.health', departmentKey: 'xh-wsjk', roles: ['reviewer', 'approver'] },
  {
    name: '孙立新',
    username: 'hz.catalogue',
    departmentKey: 'hz-sjzy',
    roles: ['catalogue_admin'],
    overRegion: '330100',
  },
  {
    name: '冯志远',
    username: 'hz.supervisor',
    departmentKey: 'hz-sjzy',
    roles: ['supervisor'],
    overRegion: '330100',
  },
  {
    name: '何海燕',
    username: 'zj.admin',
    departmentKey: 'hz-sjzy',
    roles: ['system_admin', 'data_admin'],
    everywhere: true,
  },
];

/**
 * Demo accounts for `npm start`: two citizens, an enterprise whose staff member acts for it as its
 * agent (经办人), and staff for every role. Staff enrol their TOTP second factor at first sign-in.
 * Does nothing when any of these accounts exists already.
 */
export async function seedDemoAccounts(db: Db, cipher: FieldCipher): Promise<DemoLogin[]> {
  const context = systemContext('seed');
  const deps = { cipher, now: () => new Date() };
  const departments = await org.departmentsByKeys(
    db,
    DEMO_STAFF.map((staff) => staff.departmentKey),
  );
  const logins: DemoLogin[] = [
    {
      who: `${DEMO_CITIZEN.name}（自然人，已现场核验）`,
      login: DEMO_CITIZEN.idNumber,
      note: `或手机 ${DEMO_CITIZEN.mobile} + 短信验证码（见日志）`,
    },
    {
      who: `${DEMO_AGENT.name}（自然人，${DEMO_ENTERPRISE.name}经办人）`,
      login: DEMO_AGENT.idNumber,
      note: '登录后选择办事身份',
    },
    {
      who: `${DEMO_ENTERPRISE.name}（法人）`,
      login: DEMO_ENTERPRISE.creditCode,
      note: `法定代表人 ${DEMO_ENTERPRISE.legalRepresentative}`,
    },
    ...DEMO_STAFF.map((staff) => ({
      who: `${staff.name}（工作人员：${staff.roles.map((role) => ROLE_NAMES[role]).join('、')}）`,
      login: staff.username,
      note: '首次登录绑定动态口令 (TOTP)',
    })),
  ];
  await withTransaction(db, async (tx) => {
    if (await findAccountByUsername(tx, 'zj.admin')) return;
    await createPersonAccount(tx, deps, context, {
      name: DEMO_CITIZEN.name,
      citizenId: DEMO_CITIZEN.idNumber,
      mobile: DEMO_CITIZEN.mobile,
      password: DEMO_PASSWORD,
      assurance: 'in_person',
    });
    await createPersonAccount(tx, deps, context, {
      name: DEMO_AGENT.name,
      citizenId: DEMO_AGENT.idNumber,
      mobile: DEMO_AGENT.mobile,
      password: DEMO_PASSWORD,
      assurance: 'population',
    });
    const enterprise = await createEnterpriseAccount(tx, deps, context, {
      name: DEMO_ENTERPRISE.name,
      creditCode: DEMO_ENTERPRISE.creditCode,
      legalRepresentative: DEMO_ENTERPRISE.legalRepresentative,
      password: DEMO_PASSWORD,
    });
    const year = new Date().getUTCFullYear();
    await grantAgent(tx, context, cipher, enterprise.id, {
      citizenId: DEMO_AGENT.idNumber,
      validFrom: `${year}-01-01`,
      validUntil: `${year + 1}-12-31`,
    });
    for (const staff of DEMO_STAFF) {
      const department = departments.get(staff.departmentKey);
      if (!department) throw new Error(`demo staff department ${staff.departmentKey} is not seeded`);
      const account = await createStaffAccount(tx, deps, context, {
        name: staff.name,
        username: staff.username,
        departmentId: department.id,
        regionCode: department.regionCode,
        password: DEMO_PASSWORD,
      });
      for (const role of staff.roles)
        await grantRole(tx, context, account.id, {
          role,
          ...(staff.everywhere
            ? {}
            : staff.overRegion
              ? { regionCode: staff.overRegion }
              : { departmentId: department.id }),
        });
    }
  });
  return logins;
}
