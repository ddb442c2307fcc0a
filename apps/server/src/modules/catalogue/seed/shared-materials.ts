/**
 * Shared materials (申请材料) of the seed catalogue: the documents many items ask for — 申请表,
 * 居民身份证, 居民户口簿, 营业执照, 授权委托书, 出生医学证明, 不动产权证书… — each built once here so that
 * an item only states what differs (who holds it, when it is needed, what the window checks).
 *
 * Key order matters: the seed is compared as JSON, so each builder lays out its fields in the order
 * the catalogue has always used (the base fields of `material`, then new fields in spec order).
 */
import type { Material } from '../catalogue.model.js';
import type { SeedLicenceTypeCode } from './licence-types.js';

type MaterialSpec = Partial<Material> & Pick<Material, 'acceptanceStandard'>;

/** 电子证照可免提交: the electronic licence is fetched from the licence library instead. */
export const E_LICENCE = '已关联电子证照的免提交';
/** 原件核验 at the window, or nothing to hand in when the electronic licence is linked. */
export const CHECKED_E_LICENCE = `原件核验；${E_LICENCE}`;

/**
 * One material (申请材料): by default one copy on paper or electronic, required, provided by the
 * applicant (申请人自备); `spec` overrides any of these and adds the rest.
 */
export function material(key: string, name: string, spec: MaterialSpec): Material {
  return {
    key,
    name,
    forms: ['paper', 'electronic'],
    copies: 1,
    specification: 'A4 纸张；电子材料为 PDF 或 JPG 格式，清晰完整',
    necessity: 'required',
    sourceChannel: 'applicant',
    ...spec,
  };
}

/** 申请表 filled online or at the window. */
export function applicationForm(
  name: string,
  key = 'application-form',
  extra: Partial<Material> = {},
): Material {
  return material(key, name, {
    specification: 'A4 纸张，原件；网上申请的在线填报后电子签名',
    acceptanceStandard: '内容填写完整、真实，与其他材料一致，申请人签字（盖章）',
    fillingNotes: '可在网上申报系统在线填写，系统自动带出已认证的身份信息',
    ...extra,
  });
}

/**
 * A document its holder carries (居民身份证, 户口簿, 营业执照): checked at the window per
 * `specification`, with its e-licence type; `extra` comes last and may override any of it.
 */
function carried(
  key: string,
  name: string,
  specification: string,
  licenceTypeCode: SeedLicenceTypeCode,
  acceptanceStandard: string,
  extra: Partial<Material>,
): Material {
  return material(key, name, {
    specification,
    sourceChannel: 'government_issued',
    licenceTypeCode,
    acceptanceStandard,
    ...extra,
  });
}

/** 居民身份证 of the applicant or of whoever `who` names (法定代表人, 经办人, 夫妻双方…). */
export function idCard(who = '申请人', key = 'id-card', extra: Partial<Material> = {}): Material {
  const standard = '证件在有效期内，照片、姓名、身份号码与申请信息一致';
  return carried(key, `${who}居民身份证`, CHECKED_E_LICENCE, 'JMSFZ', standard, extra);
}

/** 居民户口簿 (户主页及本人页). */
export function householdRegister(extra: Partial<Material> = {}): Material {
  const specification = '原件核验（户主页及本人页）；已关联电子证照的免提交';
  const standard = '户口簿信息与身份证一致，本人页无涂改';
  return carried('household-register', '居民户口簿', specification, 'HKB', standard, extra);
}

/** 营业执照 of the applying market entity. */
export function businessLicence(extra: Partial<Material> = {}): Material {
  const specification = '原件核验；已关联电子营业执照的免提交';
  const standard = '营业执照在有效期内，主体名称、统一社会信用代码与申请一致';
  return carried('business-licence', '营业执照', specification, 'YYZZ', standard, extra);
}

/** 授权委托书及受托人身份证明, needed only when someone else applies on the applicant's behalf. */
export function powerOfAttorney(key = 'power-of-attorney'): Material {
  return material(key, '授权委托书及受托人身份证明', {
    necessity: 'conditional',
    condition: '委托他人代为办理的',
    acceptanceStandard: '委托事项、权限和期限明确，委托人签字（盖章），受托人身份证件有效',
  });
}

/** 共享获取: a material the department fetches from the data-sharing platform (免提交). */
export function shared(key: string, name: string, dataItem: string, standard: string): Material {
  return material(key, name, {
    forms: ['electronic'],
    copies: 0,
    specification: '通过数据共享平台获取，申请人无需提交',
    sourceChannel: 'shared_data',
    sharedDataItem: dataItem,
    acceptanceStandard: standard,
  });
}

/** 窗口生成: a document the window produces for the applicant to sign. */
export function windowMade(key: string, name: string, standard: string): Material {
  return material(key, name, {
    forms: ['paper', 'electronic'],
    specification: '窗口当场生成，申请人签字确认',
    sourceChannel: 'window_generated',
    acceptanceStandard: standard,
  });
}

/** 相片: a recent bare-headed photo in the given specification. */
export function photo(key: string, name: string, specification: string): Material {
  return material(key, name, {
    forms: ['paper', 'electronic'],
    specification,
    acceptanceStandard: '近期正面免冠，背景、尺寸符合规格，面部清晰无遮挡',
  });
}

/**
 * 证照类材料: a government-issued licence (政府部门核发) with its e-licence type, which the applicant
 * need not hand in once it is linked (`E_LICENCE`). `extra` (e.g. necessity and condition) comes
 * before the licence type and standard, as the catalogue lays those fields out.
 */
export function eLicence(
  key: string,
  name: string,
  licenceTypeCode: SeedLicenceTypeCode,
  acceptanceStandard: string,
  extra: Partial<Material> = {},
): Material {
  return material(key, name, {
    specification: E_LICENCE,
    sourceChannel: 'government_issued',
    ...extra,
    licenceTypeCode,
    acceptanceStandard,
  });
}

/** 出生医学证明 (CSYXZM) of a newborn, checked against the original or the linked e-licence. */
export function birthCertificate(acceptanceStandard: string, extra: Partial<Material> = {}): Material {
  return eLicence('birth-certificate', '出生医学证明', 'CSYXZM', acceptanceStandard, {
    specification: CHECKED_E_LICENCE,
    ...extra,
  });
}

/** 结婚证 (JHZ); marriage registration data can stand in for it, as `specification` says. */
export function marriageCertificate(
  name: string,
  specification: string,
  acceptanceStandard: string,
  extra: Partial<Material> = {},
): Material {
  return eLicence('marriage-certificate', name, 'JHZ', acceptanceStandard, { ...extra, specification });
}

/** 不动产权证书 (BDCQZS) under the name an item gives it (学区内住房…, 迁入地…). */
export function propertyCertificate(
  name: string,
  acceptanceStandard: string,
  extra: Partial<Material> = {},
): Material {
  return eLicence('property-certificate', name, 'BDCQZS', acceptanceStandard, extra);
}
