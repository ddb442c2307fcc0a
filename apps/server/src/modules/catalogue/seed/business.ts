/** 税务、交通运输、生态环境: 新办纳税人, 发票领用, 道路货物运输经营许可, 排污许可. */
import type { BasicItem } from '../catalogue.model.js';
import type { SeedEntry } from '../catalogue.seed-types.js';
import { BASIC_CODE } from './basic-codes.js';
import {
  type Ctx,
  ENTERPRISE,
  flow,
  type GuideSpec,
  guide,
  IMMEDIATE_ZERO_VISIT,
  implement,
  LICENCE_STAGES,
  law,
  onTheSpot,
  place,
  stages,
} from './common.js';
import {
  BANK_FIELDS,
  ENTERPRISE_FIELDS,
  ENTERPRISE_PREMISES_FIELDS,
  ENTERPRISE_REQUIRED,
  form,
} from './shared-forms.js';
import {
  applicationForm,
  businessLicence,
  idCard,
  material,
  powerOfAttorney,
  shared,
} from './shared-materials.js';

export const businessItems: BasicItem[] = [
  {
    basicCode: BASIC_CODE.NEW_TAXPAYER,
    name: '新办纳税人涉税事项综合办理',
    type: 'other_power',
    competentSector: 'taxation',
    implementingSector: 'taxation',
    levels: ['city', 'county'],
    legalBasis: [
      law(
        '《中华人民共和国税收征收管理法》',
        '第十五条',
        '企业、企业在外地设立的分支机构和从事生产、经营的场所，个体工商户和从事生产、经营的事业单位，自领取营业执照之日起三十日内，持有关证件向税务机关申报办理税务登记，税务机关应当于收到申报之日起三十日内审核并发给税务登记证件。',
      ),
    ],
    aliases: ['税务登记', '税务报到', '新办企业税务', '新办纳税人套餐', '一照一码信息确认', '税种认定'],
  },
  {
    basicCode: BASIC_CODE.INVOICE,
    name: '发票领用',
    type: 'other_power',
    competentSector: 'taxation',
    implementingSector: 'taxation',
    levels: ['county'],
    legalBasis: [
      law(
        '《中华人民共和国发票管理办法》',
        '第十五条',
        '需要领用发票的单位和个人，应当持设立登记证件或者税务登记证件以及经办人身份证明，向主管税务机关办理发票领用手续；主管税务机关根据领用单位和个人的经营范围、规模和风险等级，确认领用发票的种类、数量以及领用方式。',
      ),
    ],
    aliases: ['领发票', '申领发票', '数电发票', '发票申领', '开发票', '发票票种核定'],
  },
  {
    basicCode: BASIC_CODE.FREIGHT,
    name: '道路货物运输经营许可',
    type: 'licensing',
    competentSector: 'transport',
    implementingSector: 'transport',
    levels: ['county'],
    legalBasis: [
      law(
        '《中华人民共和国道路运输条例》',
        '第二十一条',
        '申请从事货运经营的，应当有与其经营业务相适应并经检测合格的车辆，有符合规定条件的驾驶人员，并有健全的安全生产管理制度。',
      ),
      law(
        '《中华人民共和国道路运输条例》',
        '第二十四条',
        '申请从事货运经营的，依法向市场监督管理部门办理登记后，向县级人民政府交通运输主管部门提出申请并提交相关材料；主管部门应当自受理申请之日起 20 日内审查完毕，作出许可或者不予许可的决定。使用总质量 4500 千克及以下普通货运车辆从事普通货运经营的，无需办理本许可。',
      ),
    ],
    aliases: ['道路运输证', '货运许可', '道路运输经营许可证', '物流公司资质', '货运经营许可'],
  },
  {
    basicCode: BASIC_CODE.DISCHARGE,
    name: '排污许可',
    type: 'licensing',
    competentSector: 'ecology',
    implementingSector: 'ecology',
    levels: ['city', 'county'],
    legalBasis: [
      law(
        '《中华人民共和国环境保护法》',
        '第四十五条',
        '国家依照法律规定实行排污许可管理制度。实行排污许可管理的企业事业单位和其他生产经营者应当按照排污许可证的要求排放污染物；未取得排污许可证的，不得排放污染物。',
      ),
      law(
        '《排污许可管理条例》',
        '第二条',
        '依照法律规定实行排污许可管理的企业事业单位和其他生产经营者，应当依照本条例规定申请取得排污许可证；未取得排污许可证的，不得排放污染物。',
      ),
    ],
    aliases: ['排污证', '排污许可证', '环保许可', '排污登记', '污染物排放许可'],
  },
];

/** 办税服务厅: the tax bureau's own hall, at the tax window of the region's service hall. */
function taxHall(ctx: Ctx) {
  return [
    place(
      `${ctx.dept.shortName}办税服务厅（${ctx.region.hall}税务窗口）`,
      ctx.region.address,
      ctx.region.hours,
    ),
  ];
}

/** 新办企业涉税事项: what the tax items of a new enterprise share — 即办, 全程网办, at the tax hall. */
function newEnterpriseTaxGuide(
  ctx: Ctx,
): Pick<
  GuideSpec,
  keyof typeof IMMEDIATE_ZERO_VISIT | 'places' | 'audiences' | 'depth' | 'themes' | 'highFrequency'
> {
  return {
    ...IMMEDIATE_ZERO_VISIT,
    places: taxHall(ctx),
    audiences: ENTERPRISE,
    depth: 4,
    themes: ['establishment', 'tax'],
    highFrequency: true,
  };
}

const newTaxpayer = implement(
  BASIC_CODE.NEW_TAXPAYER,
  ['nb-sw', 'xh-sw', 'tl-sw', 'yz-sw', 'lc-sw', 'yj-sw'],
  (ctx) => ({
    guide: guide(ctx, {
      conditions: [
        '已领取营业执照的企业、个体工商户等新办纳税人，自领取营业执照之日起三十日内办理',
        '法定代表人（负责人）、财务负责人、办税人员已完成实名认证',
      ],
      ...newEnterpriseTaxGuide(ctx),
      result: { name: '税务信息确认及税（费）种认定结果' },
    }),
    materials: [
      businessLicence(),
      idCard('法定代表人（负责人）'),
      material('tax-staff', '财务负责人、办税人员身份及联系信息', {
        forms: ['electronic'],
        acceptanceStandard: '人员已通过电子税务局实名认证，手机号码可正常接收短信',
      }),
      material('bank-account', '存款账户账号报告信息', {
        forms: ['electronic'],
        necessity: 'conditional',
        condition: '需要签订三方协议办理税款扣缴的',
        acceptanceStandard: '账户名称与纳税人名称一致',
      }),
    ],
    form: form(
      '新办纳税人综合信息确认表',
      [...ENTERPRISE_PREMISES_FIELDS, ...BANK_FIELDS],
      {
        accountingSystem: {
          type: 'string',
          title: '适用会计制度',
          enum: ['小企业会计准则', '企业会计准则', '个体工商户会计制度'],
        },
        vatTaxpayerType: { type: 'string', title: '增值税纳税人类型', enum: ['小规模纳税人', '一般纳税人'] },
        financeManager: { type: 'string', title: '财务负责人', maxLength: 50 },
      },
      [...ENTERPRISE_REQUIRED, 'accountingSystem', 'vatTaxpayerType'],
    ),
    process: onTheSpot('信息确认并即时办结'),
    handlingItems: [
      { name: '一照一码户信息确认', kind: 'new' },
      { name: '税（费）种认定', kind: 'new' },
      { name: '增值税一般纳税人登记', kind: 'change' },
    ],
  }),
);

const invoice = implement(BASIC_CODE.INVOICE, ['xh-sw', 'yz-sw', 'lc-sw'], (ctx) => ({
  guide: guide(ctx, {
    conditions: [
      '已办理涉税信息确认，纳税信用和风险状况正常',
      '已开通全面数字化电子发票（数电发票）或具备领用纸质发票的条件',
    ],
    ...newEnterpriseTaxGuide(ctx),
    result: { name: '发票领用结果（数电发票开票额度）' },
  }),
  materials: [
    businessLicence(),
    idCard('经办人'),
    applicationForm('发票领用申请（电子税务局在线提交）', 'invoice-application'),
  ],
  form: form(
    '发票领用申请表',
    ENTERPRISE_FIELDS,
    {
      invoiceType: {
        type: 'string',
        title: '发票种类',
        enum: ['数电发票（普通发票）', '数电发票（增值税专用发票）', '纸质普通发票'],
      },
      quantity: { type: 'integer', title: '纸质发票领用数量（份）', minimum: 0, maximum: 1000 },
    },
    ['enterpriseName', 'creditCode', 'mobile', 'invoiceType'],
  ),
  process: onTheSpot('核定并即时发放'),
  handlingItems: stages('发票', { new: '领用', change: '票种核定调整' }),
}));

const freight = implement(
  BASIC_CODE.FREIGHT,
  ['xh-jtj', ['tl-jtj', { promised: 7 }], 'yz-jtj', 'nh-jtj', 'lc-jtj'],
  (ctx) => {
    const promised = ctx.variant.promised ?? 5;
    return {
      guide: guide(ctx, {
        conditions: [
          '已取得营业执照，拟使用总质量 4500 千克以上的普通货运车辆从事道路货物运输经营',
          '有与经营业务相适应并经检测合格的运输车辆',
          '驾驶人员取得相应的机动车驾驶证和道路货物运输从业资格证',
          '有健全的安全生产管理制度',
        ],
        legal: 20,
        promised,
        visits: 0,
        audiences: ENTERPRISE,
        depth: 3,
        themes: ['transport_business', 'operation'],
        result: { name: '道路运输经营许可证', licenceTypeCode: 'DLYSJYXKZ' },
      }),
      materials: [
        applicationForm('道路货物运输经营申请表'),
        businessLicence(),
        idCard('负责人（经办人）'),
        material('vehicle-documents', '拟投入车辆承诺书或机动车行驶证及检测合格证明', {
          specification: '已有车辆的提供行驶证（已关联电子证照的免提交）',
          sourceChannel: 'government_issued',
          licenceTypeCode: 'XSZ',
          acceptanceStandard: '车辆技术等级和检测结果符合规定，车辆所有人为申请人',
        }),
        material('driver-qualification', '驾驶人员从业资格证及驾驶证', {
          specification: '已关联电子证照的免提交',
          sourceChannel: 'government_issued',
          licenceTypeCode: 'CYZGZ',
          acceptanceStandard: '从业资格类别为道路货物运输，在有效期内',
        }),
        material('safety-rules', '安全生产管理制度文本', {
          necessity: 'deferrable',
          deferralWorkingDays: 5,
          acceptanceStandard: '包括安全生产责任制、驾驶员和车辆安全管理、应急预案等',
        }),
        powerOfAttorney(),
      ],
      form: form(
        '道路货物运输经营许可申请表',
        ENTERPRISE_PREMISES_FIELDS,
        {
          freightScope: {
            type: 'string',
            title: '经营范围',
            enum: ['普通货运', '货物专用运输（集装箱）', '货物专用运输（冷藏保鲜）', '大型物件运输'],
          },
          vehicles: { type: 'integer', title: '拟投入车辆数', minimum: 1 },
          drivers: { type: 'integer', title: '驾驶人员数', minimum: 1 },
        },
        [...ENTERPRISE_REQUIRED, 'freightScope', 'vehicles'],
      ),
      process: flow(promised, { production: true }),
      handlingItems: stages('道路货物运输经营许可', LICENCE_STAGES),
    };
  },
);

const discharge = implement(
  BASIC_CODE.DISCHARGE,
  [['hz-sthj', { promised: 15 }], 'xh-sthjfj', 'tl-sthjfj', 'yz-sthjfj', 'lc-sthjfj'],
  (ctx) => {
    const promised = ctx.variant.promised ?? 10;
    return {
      guide: guide(ctx, {
        conditions: [
          '属于固定污染源排污许可分类管理名录中实行重点管理或简化管理的排污单位',
          '依法取得建设项目环境影响评价文件审批意见或按规定办理环评备案',
          '污染物排放符合国家或地方排放标准和重点污染物排放总量控制要求',
          '自行监测方案与许可要求相符',
        ],
        legal: 20,
        promised,
        visits: 0,
        audiences: ENTERPRISE,
        depth: 3,
        themes: ['operation', 'construction'],
        special: [
          {
            name: '现场核查',
            description: '对申请材料需要核实的，组织对排污单位的生产设施和污染防治设施进行现场核查',
            maxWorkingDays: 10,
          },
          {
            name: '技术评估',
            description: '实行重点管理的，可委托技术机构对申请材料进行技术评估，评估时间不计入审批时限',
            maxWorkingDays: 10,
          },
        ],
        result: { name: '排污许可证', licenceTypeCode: 'PWXKZ' },
      }),
      materials: [
        applicationForm('排污许可证申请表（全国排污许可证管理信息平台填报）'),
        businessLicence(),
        material('eia-approval', '建设项目环境影响评价审批文件或备案材料', {
          necessity: 'conditional',
          condition: '依法须办理环境影响评价的建设项目',
          acceptanceStandard: '审批文件与申请的生产设施、排放口一致',
        }),
        material('monitoring-plan', '自行监测方案', {
          forms: ['electronic'],
          acceptanceStandard: '监测点位、指标和频次符合排污单位自行监测技术指南',
        }),
        material('commitment', '守法承诺书', {
          acceptanceStandard: '法定代表人或主要负责人签字并加盖公章',
        }),
        shared(
          'credit',
          '企业环境信用信息',
          '生态环境违法处罚及信用评价信息',
          '无未整改到位的重大环境违法行为',
        ),
        powerOfAttorney(),
      ],
      form: form(
        '排污许可证申请表',
        ENTERPRISE_PREMISES_FIELDS,
        {
          managementCategory: { type: 'string', title: '管理类别', enum: ['重点管理', '简化管理'] },
          industry: { type: 'string', title: '行业类别', maxLength: 100 },
          outlets: { type: 'integer', title: '排放口数量', minimum: 0 },
        },
        [...ENTERPRISE_REQUIRED, 'businessAddress', 'managementCategory'],
      ),
      process: flow(promised, { production: true, preliminary: true, reviewName: '技术审查' }),
      handlingItems: stages('排污许可', { ...LICENCE_STAGES, new: '（首次申请）' }),
    };
  },
);

export const businessEntries: SeedEntry[] = [...newTaxpayer, ...invoice, ...freight, ...discharge];
