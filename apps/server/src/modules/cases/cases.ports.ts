import type { Principal } from '../../platform/access.js';
import type { RequestContext } from '../../platform/audit.js';
import type { Db, Tx } from '../../platform/database.js';

/**
 * What the case engine asks of other modules: the e-licence library (电子证照库, the licences
 * module's `LicenceLibrary`) and the data exchange (数据共享交换, not built yet). A material the item
 * lets them replace is then not uploaded (免提交) but referenced, and counted as a material saved.
 * `demoReuseSources` answers from the demo data below for shared data, and for licences of holders
 * the library holds nothing of.
 */

/** A licence or data item found for the applicant. */
export interface ReuseHit {
  /** The e-licence identifier or the exchange's record reference. */
  reference: string;
  /** What it is, for the case file (e.g. 营业执照 (浙江某某餐饮有限公司)). */
  title: string;
}

/** Which case a reused licence is for and who asked: the library records the use (用证记录). */
export interface ReuseRequest {
  caseId: string;
  materialKey: string;
  actor: Principal;
  /** The request, for the use's audit record. */
  context: RequestContext;
}

/**
 * The sources answer inside the case's transaction (`db`): on embedded PGlite, with its single
 * connection, a query outside it would wait for the very transaction that is waiting for the answer.
 */
export interface ReuseSources {
  /** The holder's valid licence of a type (GB/T 36903 证照类型代码), if the library has one; a hit for a case is recorded as a use. */
  findLicence(
    db: Db | Tx,
    holderIdentifier: string,
    licenceTypeCode: string,
    use?: ReuseRequest,
  ): Promise<ReuseHit | undefined>;
  /** A shared data item about the holder (e.g. 户籍信息), if a provider shares it. */
  findSharedData(db: Db | Tx, holderIdentifier: string, dataItem: string): Promise<ReuseHit | undefined>;
}

/** A member of staff who can take case work, as a lead picks them (批量分派). */
export interface Colleague {
  id: string;
  name: string;
  departmentId: string | null;
  departmentName: string | null;
  roles: { role: string; name: string }[];
}

/**
 * Who works where: the identity module's staff directory (its `listStaffHolding`), so the case engine
 * never reads identity tables. `accountId` narrows to one account (to check an assignee).
 */
export interface StaffDirectory {
  listStaff(
    db: Db,
    query: {
      permissions: readonly string[];
      departmentIds?: readonly string[] | undefined;
      regionCodes?: readonly string[] | undefined;
      q?: string | undefined;
      accountId?: string | undefined;
      page: number;
      pageSize: number;
    },
  ): Promise<{ items: Colleague[]; total: number }>;
}

interface DemoHolding {
  holder: string;
  kind: 'licence' | 'shared_data';
  /** Licence type code or data item name. */
  type: string;
  reference: string;
  title: string;
}

/**
 * The demo holdings: the demo citizen 张三 (330106199003071234-style ID with a valid check digit,
 * built in demo data) and the demo enterprise. Identifiers are matched as given.
 */
export function demoReuseSources(holdings: readonly DemoHolding[]): ReuseSources {
  const find = (holder: string, kind: DemoHolding['kind'], type: string) => {
    const hit = holdings.find((h) => h.holder === holder && h.kind === kind && h.type === type);
    return Promise.resolve(hit ? { reference: hit.reference, title: hit.title } : undefined);
  };
  return {
    findLicence: (_db, holder, type) => find(holder, 'licence', type),
    findSharedData: (_db, holder, item) => find(holder, 'shared_data', item),
  };
}

export type { DemoHolding };
