import { type SeedLicenceTypeCode, seedLicenceTypeCodes } from '../catalogue/seed/licence-types.js';
import type { LicenceField, LicenceType } from './licences.model.js';

/**
 * The licence types the platform ships (证照类型目录): every code the seed catalogue's materials and
 * results name, with the fields printed on the licence (照面信息), who defines the type, how long
 * it is valid and how it looks. Installations add their own through the API.
 */

const text = (key: string, label: string, required = true): LicenceField => ({
  key,
  label,
  type: 'text',
  required,
});
const dateField = (key: string, label: string, required = true): LicenceField => ({
  key,
  label,
  type: 'date',
  required,
});

const RED = '#b22222';
const BROWN = '#8b4513';
const BLUE = '#1f4e79';
const GREEN = '#2e6b30';

type Shipped = Omit<LicenceType, 'code' | 'name'> & { code: SeedLicenceTypeCode };

const shipped: Shipped[] = [
  {
    code: 'YYZZ',
    definingDepartment: '国家市场监督管理总局',
    holderKind: 'enterprise',
    fields: [
      text('enterpriseType', '类型'),
      text('legalRepresentative', '法定代表人'),
      text('registeredCapital', '注册资本', false),
      dateField('establishedOn', '成立日期'),
      text('address', '住所'),
      text('businessScope', '经营范围'),
    ],
    validity: { years: null, adjustable: true },
    template: {
      title: '营业执照',
      color: RED,
      orientation: 'landscape',
      footnote: '国家企业信用信息公示系统网址：https://www.gsxt.gov.cn',
    },
  },
  {
    code: 'SPJYXKZ',
    definingDepartment: '国家市场监督管理总局',
    holderKind: 'enterprise',
    fields: [
      text('legalRepresentative', '法定代表人（负责人）'),
      text('address', '经营场所'),
      text('mainBusiness', '主体业态'),
      text('businessItems', '经营项目'),
    ],
    validity: { years: 5, adjustable: false },
    template: { title: '食品经营许可证', color: BLUE, orientation: 'portrait' },
  },
  {
    code: 'YPJYXKZ',
    definingDepartment: '国家药品监督管理局',
    holderKind: 'enterprise',
    fields: [
      text('legalRepresentative', '法定代表人'),
      text('qualityManager', '质量负责人'),
      text('address', '注册地址'),
      text('businessScope', '经营范围'),
      text('businessMode', '经营方式'),
    ],
    validity: { years: 5, adjustable: false },
    template: { title: '药品经营许可证', color: BLUE, orientation: 'landscape' },
  },
  {
    code: 'YLJGZYXKZ',
    definingDepartment: '国家卫生健康委员会',
    holderKind: 'enterprise',
    fields: [
      text('institutionName', '机构名称'),
      text('address', '地址'),
      text('principal', '主要负责人'),
      text('category', '诊疗科目'),
      text('ownership', '所有制形式'),
    ],
    validity: { years: 5, adjustable: false },
    template: { title: '医疗机构执业许可证', color: BLUE, orientation: 'landscape' },
  },
  {
    code: 'JKZM',
    definingDepartment: '国家卫生健康委员会',
    holderKind: 'person',
    fields: [text('sex', '性别'), text('workUnit', '工作单位', false), dateField('examinedOn', '体检日期')],
    validity: { years: 1, adjustable: false },
    template: { title: '健康证明', color: GREEN, orientation: 'portrait' },
  },
  {
    code: 'CSYXZM',
    definingDepartment: '国家卫生健康委员会',
    holderKind: 'person',
    fields: [
      text('sex', '性别'),
      dateField('bornOn', '出生时间'),
      text('birthPlace', '出生地点'),
      text('motherName', '母亲姓名'),
      text('fatherName', '父亲姓名', false),
      text('institution', '接生机构'),
    ],
    validity: { years: null, adjustable: false },
    template: { title: '出生医学证明', color: BROWN, orientation: 'landscape' },
  },
  {
    code: 'YFJZZ',
    definingDepartment: '国家卫生健康委员会',
    holderKind: 'person',
    fields: [text('sex', '性别'), dateField('bornOn', '出生日期'), text('guardian', '监护人')],
    validity: { years: null, adjustable: false },
    template: { title: '预防接种证', color: GREEN, orientation: 'portrait' },
  },
  {
    code: 'JMSFZ',
    definingDepartment: '公安部',
    holderKind: 'person',
    fields: [
      text('sex', '性别'),
      text('ethnicity', '民族'),
      dateField('bornOn', '出生'),
      text('address', '住址'),
    ],
    validity: { years: 20, adjustable: true },
    template: { title: '居民身份证', color: BLUE, orientation: 'landscape' },
  },
  {
    code: 'HKB',
    definingDepartment: '公安部',
    holderKind: 'person',
    fields: [
      text('householdType', '户别'),
      text('householder', '户主姓名'),
      text('relationship', '与户主关系'),
      text('address', '住址'),
    ],
    validity: { years: null, adjustable: false },
    template: { title: '居民户口簿', color: BROWN, orientation: 'portrait' },
  },
  {
    code: 'JZZ',
    definingDepartment: '浙江省公安厅',
    holderKind: 'person',
    fields: [text('sex', '性别'), text('address', '居住地址'), text('permanentAddress', '户籍地址')],
    validity: { years: 1, adjustable: false },
    template: { title: '浙江省居住证', color: BLUE, orientation: 'landscape' },
  },
  {
    code: 'JSZ',
    definingDepartment: '公安部',
    holderKind: 'person',
    fields: [
      text('sex', '性别'),
      text('address', '住址'),
      dateField('firstIssuedOn', '初次领证日期'),
      text('vehicleClass', '准驾车型'),
    ],
    validity: { years: 6, adjustable: true },
    template: { title: '中华人民共和国机动车驾驶证', color: BLUE, orientation: 'landscape' },
  },
  {
    code: 'SHBZK',
    definingDepartment: '人力资源和社会保障部',
    holderKind: 'person',
    fields: [text('cardNumber', '社会保障号码'), text('bank', '银行', false)],
    validity: { years: 10, adjustable: false },
    template: { title: '社会保障卡', color: GREEN, orientation: 'landscape' },
  },
  {
    code: 'JYCYZ',
    definingDepartment: '人力资源和社会保障部',
    holderKind: 'person',
    fields: [text('sex', '性别'), text('employmentStatus', '就业失业状态'), text('registeredAt', '登记机构')],
    validity: { years: null, adjustable: false },
    template: { title: '就业创业证', color: GREEN, orientation: 'portrait' },
  },
  {
    code: 'JHZ',
    definingDepartment: '民政部',
    holderKind: 'person',
    fields: [
      dateField('registeredOn', '登记日期'),
      text('spouseName', '配偶姓名'),
      text('spouseIdNumber', '配偶身份证件号'),
      text('certificateNumber', '结婚证字号'),
    ],
    validity: { years: null, adjustable: false },
    template: { title: '中华人民共和国结婚证', color: RED, orientation: 'landscape' },
  },
  {
    code: 'DBZ',
    definingDepartment: '民政部',
    holderKind: 'person',
    fields: [text('householdSize', '保障人数'), text('monthlyAmount', '月保障金额（元）')],
    validity: { years: 1, adjustable: false },
    template: { title: '最低生活保障证', color: BROWN, orientation: 'portrait' },
  },
  {
    code: 'BDCQZS',
    definingDepartment: '自然资源部',
    holderKind: 'either',
    fields: [
      text('ownership', '共有情况'),
      text('location', '坐落'),
      text('unitNumber', '不动产单元号'),
      text('rightType', '权利类型'),
      text('use', '用途'),
      text('area', '面积'),
    ],
    validity: { years: null, adjustable: false },
    template: { title: '不动产权证书', color: RED, orientation: 'portrait' },
  },
  {
    code: 'JSGCGHXKZ',
    definingDepartment: '自然资源部',
    holderKind: 'enterprise',
    fields: [text('projectName', '建设项目名称'), text('location', '建设位置'), text('scale', '建设规模')],
    validity: { years: 2, adjustable: true },
    template: { title: '建设工程规划许可证', color: RED, orientation: 'landscape' },
  },
  {
    code: 'DLYSJYXKZ',
    definingDepartment: '交通运输部',
    holderKind: 'enterprise',
    fields: [text('address', '地址'), text('businessScope', '经营范围'), text('economicType', '经济类型')],
    validity: { years: 4, adjustable: false },
    template: { title: '道路运输经营许可证', color: BLUE, orientation: 'landscape' },
  },
  {
    code: 'CYZGZ',
    definingDepartment: '交通运输部',
    holderKind: 'person',
    fields: [
      text('sex', '性别'),
      text('qualification', '从业资格类别'),
      dateField('firstIssuedOn', '初领日期'),
    ],
    validity: { years: 6, adjustable: false },
    template: { title: '道路运输从业人员从业资格证', color: BLUE, orientation: 'landscape' },
  },
  {
    code: 'XSZ',
    definingDepartment: '公安部',
    holderKind: 'either',
    fields: [
      text('plateNumber', '号牌号码'),
      text('vehicleType', '车辆类型'),
      text('vin', '车辆识别代号'),
      dateField('registeredOn', '注册日期'),
    ],
    validity: { years: null, adjustable: false },
    template: { title: '中华人民共和国机动车行驶证', color: BLUE, orientation: 'landscape' },
  },
  {
    code: 'PWXKZ',
    definingDepartment: '生态环境部',
    holderKind: 'enterprise',
    fields: [
      text('address', '生产经营场所地址'),
      text('industry', '行业类别'),
      text('pollutants', '主要污染物类别'),
    ],
    validity: { years: 5, adjustable: false },
    template: { title: '排污许可证', color: GREEN, orientation: 'portrait' },
  },
  {
    code: 'QSWSZM',
    definingDepartment: '国家税务总局',
    holderKind: 'either',
    fields: [
      text('propertyLocation', '房产坐落'),
      text('taxAmount', '实缴税额（元）'),
      dateField('paidOn', '缴款日期'),
    ],
    validity: { years: null, adjustable: false },
    template: { title: '契税完税证明', color: BROWN, orientation: 'portrait' },
  },
];

/** The shipped licence types, named as the seed catalogue names them. */
export const SHIPPED_LICENCE_TYPES: readonly LicenceType[] = shipped.map((type) => ({
  ...type,
  name: seedLicenceTypeCodes[type.code],
}));
