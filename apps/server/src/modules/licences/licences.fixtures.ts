import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { DEMO_CITIZEN, DEMO_ENTERPRISE } from '../../demo-people.js';
import { systemContext } from '../../platform/audit.js';
import { type Db, withTransaction } from '../../platform/database.js';
import { principalHeader } from '../../test/harness.js';
import { createEnterpriseAccount, createPersonAccount } from '../identity/identity.accounts.js';

/** Test data for the licences API: officers, administrators, holders with real accounts. */

export type Headers = Record<string, string>;

export const admin = (departmentIds?: string[]) =>
  principalHeader({
    id: 'seal-admin',
    permissions: ['licences.manage'],
    ...(departmentIds ? { scope: { departmentIds } } : {}),
  });

export const officer = (departmentId: string, id = 'officer-1') =>
  principalHeader({ id, permissions: ['licences.issue'], scope: { departmentIds: [departmentId] } });

export const shareClient = () =>
  principalHeader({ id: 'client:food-system', permissions: ['licences.share'] });

/** A seal of the department, made through the API. */
export async function makeSeal(app: FastifyInstance, departmentId: string, kind = '行政审批专用章') {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/licences/seals',
    headers: admin(),
    payload: { departmentId, kind, validFrom: '2026-01-01', validUntil: '2030-12-31' },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; code: string; publicKey: string };
}

/** Accounts of the demo citizen and the demo enterprise: their wallets. */
export async function holderAccounts(db: Db, app: FastifyInstance) {
  const deps = { cipher: app.fieldCipher, now: () => new Date() };
  return withTransaction(db, async (tx) => {
    const context = systemContext('test');
    const person = await createPersonAccount(tx, deps, context, {
      name: DEMO_CITIZEN.name,
      citizenId: DEMO_CITIZEN.idNumber,
    });
    const enterprise = await createEnterpriseAccount(tx, deps, context, {
      name: DEMO_ENTERPRISE.name,
      creditCode: DEMO_ENTERPRISE.creditCode,
      legalRepresentative: DEMO_ENTERPRISE.legalRepresentative,
    });
    return {
      person: principalHeader({ id: person.id, kind: 'person', identifier: DEMO_CITIZEN.idNumber }),
      enterprise: principalHeader({
        id: enterprise.id,
        kind: 'enterprise',
        identifier: DEMO_ENTERPRISE.creditCode,
      }),
      agent: principalHeader({
        id: enterprise.id,
        kind: 'enterprise',
        identifier: DEMO_ENTERPRISE.creditCode,
        agent: { id: 'agent-1', name: '王芳', itemCodes: [] },
      }),
      enterpriseId: enterprise.id,
    };
  });
}

/** A 营业执照 for the demo enterprise. */
export function businessLicence(departmentId: string) {
  return {
    typeCode: 'YYZZ',
    departmentId,
    holder: { kind: 'enterprise', name: DEMO_ENTERPRISE.name, identifier: DEMO_ENTERPRISE.creditCode },
    data: {
      enterpriseType: '有限责任公司（自然人投资或控股）',
      legalRepresentative: DEMO_ENTERPRISE.legalRepresentative,
      establishedOn: '2024-05-20',
      address: '浙江省杭州市西湖区文三路 100 号',
      businessScope: '餐饮服务',
    },
    licenceNumber: '91330106MA2H7K3Q',
  };
}

/** 张三's 居民户口簿. */
export function householdRegister(departmentId: string) {
  return {
    typeCode: 'HKB',
    departmentId,
    holder: { kind: 'person', name: DEMO_CITIZEN.name, identifier: DEMO_CITIZEN.idNumber },
    data: {
      householdType: '家庭户',
      householder: '张三',
      relationship: '户主',
      address: '杭州市西湖区文三路 90 号',
    },
  };
}
