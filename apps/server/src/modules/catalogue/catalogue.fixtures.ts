import type { BasicItem } from './catalogue.model.js';
import type { EntryContentInput } from './catalogue.schemas.js';

/** Test data: a licensing item implemented by a county market-regulation bureau. */
export function fixtureBasicItem(overrides: Partial<BasicItem> = {}): BasicItem {
  return {
    basicCode: 'T00000000001',
    name: '小餐饮经营许可（测试）',
    type: 'licensing',
    competentSector: 'market_regulation',
    implementingSector: 'market_regulation',
    levels: ['county'],
    legalBasis: [
      {
        title: '《中华人民共和国食品安全法》',
        article: '第三十五条',
        text: '国家对食品生产经营实行许可制度。从事食品销售和餐饮服务，应当依法取得许可。',
      },
    ],
    aliases: ['小饭馆许可证'],
    ...overrides,
  };
}

/** A guide that passes every quality rule. */
export function fixtureContent(overrides: Partial<EntryContentInput['guide']> = {}): EntryContentInput {
  return {
    guide: {
      acceptanceConditions: [
        '有与经营的食品品种、数量相适应的经营场所',
        '有食品安全管理人员和保证食品安全的规章制度',
      ],
      legalTimeLimit: { kind: 'working_days', days: 20 },
      promisedTimeLimit: { kind: 'working_days', days: 5 },
      handlingType: 'promised',
      handlingForms: ['online', 'window'],
      visits: 0,
      fee: { charged: false },
      places: [
        {
          name: '西湖区政务服务中心',
          address: '杭州市西湖区文三路 1 号',
          hours: '工作日 9:00-12:00，13:30-17:00（法定节假日除外）',
        },
      ],
      consultation: { phone: '0571-87000001' },
      complaint: { phone: '12345' },
      specialProcedures: [{ name: '现场核查', description: '对经营场所进行现场核查', maxWorkingDays: 5 }],
      audiences: ['enterprise', 'person'],
      onlineDepth: 4,
      themes: ['operation'],
      highFrequency: true,
      atMostOneVisit: true,
      crossProvince: false,
      result: { name: '食品经营许可证', licenceTypeCode: 'SPJYXKZ' },
      onlineLinks: [{ label: '在线办理', url: '/services/T00000000001' }],
      ...overrides,
    },
    materials: [
      {
        key: 'application-form',
        name: '食品经营许可申请书',
        forms: ['electronic'],
        copies: 1,
        specification: 'A4',
        necessity: 'required',
        sourceChannel: 'applicant',
        acceptanceStandard: '填写完整，签字或盖章',
      },
      {
        key: 'business-licence',
        name: '营业执照',
        forms: ['electronic'],
        copies: 1,
        specification: 'A4',
        necessity: 'required',
        sourceChannel: 'government_issued',
        licenceTypeCode: 'YYZZ',
        acceptanceStandard: '在有效期内',
      },
      {
        key: 'floor-plan',
        name: '经营场所平面布局图',
        forms: ['paper', 'electronic'],
        copies: 1,
        specification: 'A4',
        necessity: 'deferrable',
        deferralWorkingDays: 10,
        sourceChannel: 'applicant',
        acceptanceStandard: '标明操作间布局',
      },
    ],
    form: {
      type: 'object',
      title: '食品经营许可申请表',
      properties: {
        enterpriseName: {
          type: 'string',
          title: '经营者名称',
          'x-prefill': { source: 'profile', field: 'enterprise.name' },
        },
        creditCode: { type: 'string', title: '统一社会信用代码', format: 'credit-code' },
        address: { type: 'string', title: '经营场所', minLength: 4 },
      },
      required: ['enterpriseName', 'creditCode', 'address'],
    },
    process: {
      steps: [
        {
          key: 'accept',
          name: '受理',
          kind: 'acceptance',
          handler: { department: 'implementing' },
          role: 'window_clerk',
          workingDays: 1,
        },
        {
          key: 'review',
          name: '审查',
          kind: 'review',
          handler: { department: 'implementing' },
          role: 'reviewer',
          workingDays: 2,
        },
        {
          key: 'decide',
          name: '决定',
          kind: 'decision',
          handler: { department: 'implementing' },
          role: 'approver',
          workingDays: 1,
        },
        {
          key: 'issue',
          name: '制证',
          kind: 'production',
          handler: { department: 'implementing' },
          role: 'licence_officer',
          workingDays: 1,
        },
      ],
    },
    handlingItems: [
      { name: '小餐饮经营许可（新办）', kind: 'new' },
      { name: '小餐饮经营许可（变更）', kind: 'change' },
    ],
  };
}
