import { systemContext } from '../../platform/audit.js';
import { type Db, withTransaction } from '../../platform/database.js';
import type { FieldCipher } from '../../platform/field-crypto.js';
import * as org from '../org/org.service.js';
import { createEnterpriseAccount, createPersonAccount, createStaffAccount } from './identity.accounts.js';
import { findAccountByUsername } from './identity.accounts.repo.js';
import { grantAgent, grantRole } from './identity.authority.js';
import type { Role } from './identity.roles.js';

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
      who: '李明（自然人，已现场核验）',
      login: '330106199003071236',
      note: '或手机 13857100001 + 短信验证码',
    },
    {
      who: '王芳（自然人，杭州西湖味道餐饮有限公司经办人）',
      login: '330106198506122424',
      note: '登录后选择办事身份',
    },
    { who: '杭州西湖味道餐饮有限公司（法人）', login: '91330106MA2H7K9Q9J', note: '法定代表人 陈建国' },
    ...DEMO_STAFF.map((staff) => ({
      who: `${staff.name}（工作人员：${staff.roles.join('、')}）`,
      login: staff.username,
      note: '首次登录绑定动态口令 (TOTP)',
    })),
  ];
  await withTransaction(db, async (tx) => {
    if (await findAccountByUsername(tx, 'zj.admin')) return;
    await createPersonAccount(tx, deps, context, {
      name: '李明',
      citizenId: '330106199003071236',
      mobile: '13857100001',
      password: DEMO_PASSWORD,
      assurance: 'in_person',
    });
    await createPersonAccount(tx, deps, context, {
      name: '王芳',
      citizenId: '330106198506122424',
      mobile: '13857100002',
      password: DEMO_PASSWORD,
      assurance: 'population',
    });
    const enterprise = await createEnterpriseAccount(tx, deps, context, {
      name: '杭州西湖味道餐饮有限公司',
      creditCode: '91330106MA2H7K9Q9J',
      legalRepresentative: '陈建国',
      mobile: '13857100003',
      password: DEMO_PASSWORD,
    });
    const year = new Date().getUTCFullYear();
    await grantAgent(tx, context, cipher, enterprise.id, {
      citizenId: '330106198506122424',
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
