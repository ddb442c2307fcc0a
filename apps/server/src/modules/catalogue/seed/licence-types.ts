/**
 * Licence type codes of the seed catalogue: short codes of our own for the e-licences (电子证照)
 * that items produce or accept as materials. Guides' `result.licenceTypeCode` and materials'
 * `licenceTypeCode` use only these.
 */
export const seedLicenceTypeCodes = {
  YYZZ: '营业执照',
  SPJYXKZ: '食品经营许可证',
  YPJYXKZ: '药品经营许可证',
  YLJGZYXKZ: '医疗机构执业许可证',
  JKZM: '食品从业人员健康证明',
  CSYXZM: '出生医学证明',
  YFJZZ: '预防接种证',
  JMSFZ: '居民身份证',
  HKB: '居民户口簿',
  JZZ: '浙江省居住证',
  JSZ: '机动车驾驶证',
  SHBZK: '社会保障卡',
  JYCYZ: '就业创业证',
  JHZ: '结婚证',
  DBZ: '最低生活保障证',
  BDCQZS: '不动产权证书',
  JSGCGHXKZ: '建设工程规划许可证',
  DLYSJYXKZ: '道路运输经营许可证',
  CYZGZ: '道路运输从业人员从业资格证',
  XSZ: '机动车行驶证',
  PWXKZ: '排污许可证',
  QSWSZM: '契税完税证明',
} as const satisfies Record<string, string>;

export type SeedLicenceTypeCode = keyof typeof seedLicenceTypeCodes;
