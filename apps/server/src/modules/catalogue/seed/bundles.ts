/** 一件事: life and business events that bundle items of several departments into one application. */
import type { Bundle } from '../catalogue.model.js';
import { BASIC_CODE } from './basic-codes.js';

export const seedBundles: Bundle[] = [
  {
    code: 'YJS-CYD',
    name: '开办餐饮店一件事',
    audience: 'enterprise',
    description:
      '开餐馆、小吃店、奶茶店等餐饮门店，一次填报即可同步办理营业执照、食品经营许可、从业人员健康证明、印章刻制和税务信息确认，材料只交一次，结果统一送达。',
    themes: ['establishment', 'operation'],
    aliases: ['开餐饮店', '开饭店', '开餐馆', '开餐厅', '开小吃店', '开奶茶店', '餐饮店开办'],
    items: [
      { basicCode: BASIC_CODE.INDIVIDUAL, condition: '以个体工商户形式经营的' },
      { basicCode: BASIC_CODE.COMPANY, condition: '以公司形式经营的' },
      { basicCode: BASIC_CODE.FOOD },
      { basicCode: BASIC_CODE.HEALTH_CHECK, condition: '从业人员尚未取得有效健康证明的' },
      { basicCode: BASIC_CODE.SEAL_FILING, condition: '需要刻制印章的' },
      { basicCode: BASIC_CODE.NEW_TAXPAYER },
    ],
  },
  {
    code: 'YJS-XSECS',
    name: '新生儿出生一件事',
    audience: 'person',
    description:
      '宝宝出生后，父母一次申请即可办理出生医学证明、预防接种证、出生户口登记、城乡居民医保参保和社会保障卡申领，信息共享、免交重复材料。',
    themes: ['birth'],
    aliases: ['新生儿出生', '宝宝出生', '生孩子办证', '出生一件事', '新生儿办证'],
    items: [
      { basicCode: BASIC_CODE.BIRTH_CERTIFICATE },
      { basicCode: BASIC_CODE.VACCINATION_CARD },
      { basicCode: BASIC_CODE.BIRTH_HUKOU },
      { basicCode: BASIC_CODE.RESIDENT_MEDICAL },
      { basicCode: BASIC_CODE.SOCIAL_CARD },
      { basicCode: BASIC_CODE.BIRTH_REGISTRATION, condition: '孕前或孕期尚未办理生育登记的' },
    ],
  },
  {
    code: 'YJS-QYKB',
    name: '企业开办一件事',
    audience: 'enterprise',
    description:
      '新设企业一次提交、一日办结：营业执照、印章刻制、涉税信息确认、发票领用、单位参保登记和住房公积金单位缴存登记同步办理，首套印章免费刻制。',
    themes: ['establishment'],
    aliases: ['开公司', '企业开办', '注册公司', '新办企业', '开办企业'],
    items: [
      { basicCode: BASIC_CODE.COMPANY },
      { basicCode: BASIC_CODE.SEAL_FILING },
      { basicCode: BASIC_CODE.NEW_TAXPAYER },
      { basicCode: BASIC_CODE.INVOICE, condition: '需要领用发票的' },
      { basicCode: BASIC_CODE.EMPLOYER_REGISTRATION },
      { basicCode: BASIC_CODE.FUND_EMPLOYER },
    ],
  },
  {
    code: 'YJS-TX',
    name: '退休一件事',
    audience: 'person',
    description:
      '职工达到退休年龄，一次申请即可完成养老保险待遇核定、医保退休待遇核定和住房公积金退休销户提取，养老金按月发放到社会保障卡。',
    themes: ['retirement'],
    aliases: ['办退休', '退休手续', '退休一件事', '退休申请'],
    items: [
      { basicCode: BASIC_CODE.RETIREMENT },
      { basicCode: BASIC_CODE.RETIREE_MEDICAL },
      { basicCode: BASIC_CODE.FUND_WITHDRAWAL, condition: '住房公积金账户有余额需要销户提取的' },
      { basicCode: BASIC_CODE.SOCIAL_CARD, condition: '尚未持有社会保障卡或未启用金融功能的' },
    ],
  },
  {
    code: 'YJS-BDCJY',
    name: '不动产交易登记一件事',
    audience: 'person',
    description:
      '二手房买卖一次申请：合同网签备案、契税申报缴纳与不动产转移登记一窗受理、并联办理；可同步申请水、电、燃气、有线电视过户，由供水、供电、燃气企业联动办理。',
    themes: ['housing'],
    aliases: ['二手房过户', '房产过户', '买二手房', '二手房交易', '过户一件事'],
    items: [
      { basicCode: BASIC_CODE.CONTRACT_FILING },
      { basicCode: BASIC_CODE.DEED_TAX },
      { basicCode: BASIC_CODE.PROPERTY_TRANSFER },
    ],
  },
  {
    code: 'YJS-SHS',
    name: '身后一件事',
    audience: 'person',
    description:
      '亲人离世后，家属一次申请即可办理户口注销和丧葬补助金、抚恤金申领，死亡信息由卫健、公安、民政共享，无需反复提交证明。',
    themes: ['after_death'],
    aliases: ['身后事', '死亡销户', '丧葬费申领', '亲人去世办事'],
    items: [{ basicCode: BASIC_CODE.HUKOU_CANCEL }, { basicCode: BASIC_CODE.FUNERAL }],
  },
];
