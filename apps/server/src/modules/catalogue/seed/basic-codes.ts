/**
 * 基本编码 of the seed catalogue's basic items (基本目录), named once: the item files define and
 * implement each item under its name here, and the 一件事 bundles list their items by the same names.
 */
export const BASIC_CODE = {
  // 市场监督管理 (market.ts)
  /** 食品经营许可 */
  FOOD: '000135001000',
  /** 个体工商户设立登记 */
  INDIVIDUAL: '000135002000',
  /** 公司设立登记 */
  COMPANY: '000135003000',
  /** 公司变更登记 */
  COMPANY_CHANGE: '000135004000',
  /** 公司注销登记 */
  COMPANY_CANCEL: '000135005000',
  /** 药品零售经营许可 */
  DRUG_RETAIL: '000135006000',
  // 卫生健康 (health.ts)
  /** 医疗机构执业登记 */
  MEDICAL_INSTITUTION: '000124001000',
  /** 生育登记 */
  BIRTH_REGISTRATION: '000124002000',
  /** 出生医学证明办理 */
  BIRTH_CERTIFICATE: '000124003000',
  /** 预防接种证办理 */
  VACCINATION_CARD: '000124004000',
  /** 食品从业人员健康检查 */
  HEALTH_CHECK: '000124005000',
  // 公安 (public-security.ts)
  /** 出生户口登记 */
  BIRTH_HUKOU: '000113001000',
  /** 户口迁移 */
  MIGRATION: '000113002000',
  /** 居民身份证换领 */
  ID_CARD_RENEWAL: '000113003000',
  /** 死亡人员户口注销 */
  HUKOU_CANCEL: '000113004000',
  /** 居住证申领 */
  RESIDENCE_PERMIT: '000113005000',
  /** 机动车驾驶证期满换证 */
  DRIVING_LICENCE: '000113006000',
  /** 印章刻制备案 */
  SEAL_FILING: '000113007000',
  // 人力资源和社会保障、医疗保障 (social-security.ts)
  /** 社会保障卡申领 */
  SOCIAL_CARD: '000117001000',
  /** 失业登记 */
  UNEMPLOYMENT: '000117002000',
  /** 灵活就业人员参保登记 */
  FLEXIBLE: '000117003000',
  /** 职工基本养老保险待遇核定（退休申请） */
  RETIREMENT: '000117004000',
  /** 领取养老金人员待遇资格认证 */
  QUALIFICATION: '000117005000',
  /** 丧葬补助金、抚恤金申领 */
  FUNERAL: '000117006000',
  /** 单位参保登记 */
  EMPLOYER_REGISTRATION: '000117007000',
  /** 城乡居民基本养老保险参保登记 */
  RESIDENT_PENSION: '000117008000',
  /** 城乡居民基本医疗保险参保登记 */
  RESIDENT_MEDICAL: '000132001000',
  /** 基本医疗保险关系转移接续 */
  MEDICAL_TRANSFER: '000132002000',
  /** 职工医保退休人员待遇核定 */
  RETIREE_MEDICAL: '000132003000',
  // 民政、教育 (civil-affairs.ts)
  /** 结婚登记 */
  MARRIAGE: '000114001000',
  /** 最低生活保障申请 */
  SUBSISTENCE: '000114002000',
  /** 义务教育阶段入学报名 */
  SCHOOL_ENROLMENT: '000110001000',
  // 住房公积金、自然资源、住房城乡建设、税务（房产） (property.ts)
  /** 住房公积金提取 */
  FUND_WITHDRAWAL: '000147001000',
  /** 住房公积金单位缴存登记 */
  FUND_EMPLOYER: '000147002000',
  /** 不动产转移登记 */
  PROPERTY_TRANSFER: '000119001000',
  /** 建设工程规划许可 */
  PLANNING_PERMIT: '000119002000',
  /** 存量房买卖合同网签备案 */
  CONTRACT_FILING: '000121001000',
  /** 契税申报 */
  DEED_TAX: '000133003000',
  // 税务、交通运输、生态环境 (business.ts)
  /** 新办纳税人涉税事项综合办理 */
  NEW_TAXPAYER: '000133001000',
  /** 发票领用 */
  INVOICE: '000133002000',
  /** 道路货物运输经营许可 */
  FREIGHT: '000122001000',
  /** 排污许可 */
  DISCHARGE: '000120001000',
} as const;
