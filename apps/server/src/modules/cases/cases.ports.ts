/**
 * What the case engine asks of the modules that do not exist yet: the e-licence library (电子证照库)
 * and the data exchange (数据共享交换). A material the item lets them replace is then not uploaded
 * (免提交) but referenced, and counted as a material saved. The licences and exchange modules will
 * implement these ports; until then `demoReuseSources` answers from the demo data below.
 */

/** A licence or data item found for the applicant. */
export interface ReuseHit {
  /** The e-licence identifier or the exchange's record reference. */
  reference: string;
  /** What it is, for the case file (e.g. 营业执照 (浙江某某餐饮有限公司)). */
  title: string;
}

export interface ReuseSources {
  /** The holder's valid licence of a type (GB/T 36903 证照类型代码), if the library has one. */
  findLicence(holderIdentifier: string, licenceTypeCode: string): Promise<ReuseHit | undefined>;
  /** A shared data item about the holder (e.g. 户籍信息), if a provider shares it. */
  findSharedData(holderIdentifier: string, dataItem: string): Promise<ReuseHit | undefined>;
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
    findLicence: (holder, type) => find(holder, 'licence', type),
    findSharedData: (holder, item) => find(holder, 'shared_data', item),
  };
}

export type { DemoHolding };
