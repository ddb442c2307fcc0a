/** 住房公积金、不动产登记、工程建设规划、存量房交易与契税. */
import type { BasicItem } from '../catalogue.model.js';
import type { SeedEntry } from '../catalogue.seed-types.js';
import { BASIC_CODE } from './basic-codes.js';
import {
  BOTH,
  type Ctx,
  ENTERPRISE,
  flow,
  guide,
  hallPlace,
  IMMEDIATE_ZERO_VISIT,
  immediateOr,
  implement,
  LICENCE_STAGES,
  law,
  onTheSpot,
  onTheSpotOr,
  PERSON,
  place,
  stages,
  visitsFor,
} from './common.js';
import {
  BANK_FIELDS,
  ENTERPRISE_FIELDS,
  ENTERPRISE_PREMISES_FIELDS,
  ENTERPRISE_REQUIRED,
  form,
  PERSON_FIELDS,
  PERSON_REQUIRED,
  PROPERTY_DEAL_FIELDS,
} from './shared-forms.js';
import {
  applicationForm,
  businessLicence,
  eLicence,
  idCard,
  material,
  powerOfAttorney,
  propertyCertificate,
  shared,
  windowMade,
} from './shared-materials.js';

const FUND_REGULATION = '《住房公积金管理条例》';
const REAL_ESTATE_REGULATION = '《不动产登记暂行条例》';

export const propertyItems: BasicItem[] = [
  {
    basicCode: BASIC_CODE.FUND_WITHDRAWAL,
    name: '住房公积金提取',
    type: 'public_service',
    competentSector: 'housing_fund',
    implementingSector: 'housing_fund',
    levels: ['city'],
    legalBasis: [
      law(
        FUND_REGULATION,
        '第二十四条',
        '职工购买、建造、翻建、大修自住住房，离休、退休，完全丧失劳动能力并与单位终止劳动关系，出境定居，偿还购房贷款本息，或者房租超出家庭工资收入规定比例的，可以提取本人住房公积金账户内的存储余额。',
      ),
      law(
        FUND_REGULATION,
        '第二十五条',
        '职工提取住房公积金的，向住房公积金管理中心申请；管理中心应当自受理申请之日起 3 日内作出准予提取或者不准提取的决定并通知申请人，准予提取的由受委托银行办理支付。',
      ),
    ],
    aliases: [
      '提取公积金',
      '公积金提取',
      '取公积金',
      '租房提取公积金',
      '购房提取',
      '退休提取公积金',
      '公积金销户',
    ],
  },
  {
    basicCode: BASIC_CODE.FUND_EMPLOYER,
    name: '住房公积金单位缴存登记',
    type: 'public_service',
    competentSector: 'housing_fund',
    implementingSector: 'housing_fund',
    levels: ['city'],
    legalBasis: [
      law(
        FUND_REGULATION,
        '第十四条',
        '新设立的单位应当自设立之日起 30 日内向住房公积金管理中心办理住房公积金缴存登记，并自登记之日起 20 日内为本单位职工办理住房公积金账户设立手续。',
      ),
    ],
    aliases: ['公积金开户', '单位公积金开户', '企业公积金登记', '公积金缴存登记'],
  },
  {
    basicCode: BASIC_CODE.PROPERTY_TRANSFER,
    name: '不动产转移登记',
    type: 'confirmation',
    competentSector: 'natural_resources',
    implementingSector: 'natural_resources',
    levels: ['city', 'county'],
    legalBasis: [
      law(
        '《中华人民共和国民法典》',
        '第二百零九条',
        '不动产物权的设立、变更、转让和消灭，经依法登记，发生效力；未经登记，不发生效力，但是法律另有规定的除外。',
      ),
      law(
        REAL_ESTATE_REGULATION,
        '第十四条',
        '因买卖、设定抵押权等申请不动产登记的，应当由当事人双方共同申请；继承、接受遗赠等情形可以由当事人单方申请。',
      ),
      law(
        REAL_ESTATE_REGULATION,
        '第二十条',
        '不动产登记机构应当自受理登记申请之日起 30 个工作日内办结不动产登记手续，法律另有规定的除外。',
      ),
    ],
    aliases: [
      '过户',
      '房产过户',
      '二手房过户',
      '二手房交易',
      '买房过户',
      '房产证过户',
      '赠与过户',
      '继承过户',
    ],
  },
  {
    basicCode: BASIC_CODE.PLANNING_PERMIT,
    name: '建设工程规划许可',
    type: 'licensing',
    competentSector: 'natural_resources',
    implementingSector: 'natural_resources',
    levels: ['city', 'county'],
    legalBasis: [
      law(
        '《中华人民共和国城乡规划法》',
        '第四十条',
        '在城市、镇规划区内进行建筑物、构筑物、道路、管线和其他工程建设的，建设单位或者个人应当向城市、县人民政府城乡规划主管部门或者省级人民政府确定的镇人民政府申请办理建设工程规划许可证；对符合控制性详细规划和规划条件的，核发建设工程规划许可证。',
      ),
    ],
    aliases: ['工程规划许可证', '工规证', '建设工程规划许可证', '规划许可', '建筑规划审批'],
  },
  {
    basicCode: BASIC_CODE.CONTRACT_FILING,
    name: '存量房买卖合同网签备案',
    type: 'filing',
    competentSector: 'housing_construction',
    implementingSector: 'housing_construction',
    levels: ['city', 'county'],
    legalBasis: [
      law(
        '《中华人民共和国城市房地产管理法》',
        '第四十一条',
        '房地产转让，应当签订书面转让合同，合同中应当载明土地使用权取得的方式。',
      ),
    ],
    aliases: ['网签', '二手房网签', '二手房交易', '房屋买卖合同备案', '存量房交易', '买卖合同备案'],
  },
  {
    basicCode: BASIC_CODE.DEED_TAX,
    name: '契税申报',
    type: 'other_power',
    competentSector: 'taxation',
    implementingSector: 'taxation',
    levels: ['city', 'county'],
    legalBasis: [
      law(
        '《中华人民共和国契税法》',
        '第一条',
        '在中华人民共和国境内转移土地、房屋权属，承受的单位和个人为契税的纳税人，应当依照本法规定缴纳契税。',
      ),
      law('《中华人民共和国契税法》', '第十条', '纳税人应当在依法办理土地、房屋权属登记手续前申报缴纳契税。'),
    ],
    aliases: ['交契税', '房产契税', '买房交税', '二手房交税', '契税缴纳', '房屋交易税费'],
  },
];

/** 不动产登记“一窗受理”窗口: one window for registration, transaction and tax. */
function realEstatePlace(ctx: Ctx) {
  return [hallPlace(ctx, '不动产登记“一窗受理”窗口')];
}

/** The housing fund centre's own hall, at its window in the region's service hall. */
function fundHall(ctx: Ctx) {
  return [
    place(
      `${ctx.dept.name}服务大厅`,
      `${ctx.region.address}（${ctx.region.hall}住房公积金窗口）`,
      ctx.region.hours,
    ),
  ];
}

const fundWithdrawal = implement(
  BASIC_CODE.FUND_WITHDRAWAL,
  ['hz-gjj', ['nb-gjj', { promised: 1 }], 'wz-gjj'],
  (ctx) => {
    const promised = ctx.variant.promised ?? 0;
    return {
      guide: guide(ctx, {
        conditions: [
          '在本中心缴存住房公积金的职工，符合购房、建房、偿还住房贷款、租房、退休、出境定居、完全丧失劳动能力并终止劳动关系等提取情形之一',
          '同一提取事由在规定期限内未重复提取，账户未处于封存冻结或贷款逾期状态',
        ],
        legal: 3,
        promised: immediateOr(promised),
        visits: 0,
        places: fundHall(ctx),
        audiences: PERSON,
        depth: 4,
        themes: ['housing', 'retirement'],
        highFrequency: true,
        crossProvince: true,
        result: { name: '住房公积金提取到账通知' },
      }),
      materials: [
        idCard('提取人'),
        eLicence(
          'purchase-proof',
          '购房合同或不动产权证书',
          'BDCQZS',
          '权利人为职工本人或配偶，登记时间在提取时限内',
          {
            necessity: 'conditional',
            condition: '购买、建造自住住房提取的',
            specification: '已网签备案或已登记的，通过共享核验，无需提交',
          },
        ),
        shared(
          'rental-info',
          '租赁备案信息',
          '住房租赁合同登记备案信息',
          '租赁房屋在本市且职工及配偶在本市无自有住房',
        ),
        shared('retirement-info', '退休信息', '职工基本养老保险待遇领取信息', '已办理退休，用于退休销户提取'),
        material('bank-card', '本人银行借记卡', {
          forms: ['electronic'],
          specification: '填写本人一类银行账户，须与身份信息一致',
          acceptanceStandard: '账户户名为提取人本人，状态正常',
        }),
      ],
      form: form(
        '住房公积金提取申请表',
        [...PERSON_FIELDS, ...BANK_FIELDS],
        {
          withdrawalReason: {
            type: 'string',
            title: '提取原因',
            enum: ['购买自住住房', '偿还住房贷款', '租赁住房', '退休', '出境定居', '完全丧失劳动能力'],
          },
          amount: { type: 'number', title: '申请提取金额（元）', minimum: 0 },
        },
        [...PERSON_REQUIRED, 'bankAccount', 'withdrawalReason'],
      ),
      process: onTheSpotOr(promised, '系统校验并即时到账', { reviewName: '提取审核' }),
      handlingItems: [
        { name: '住房公积金提取（购房）', kind: 'new' },
        { name: '住房公积金提取（偿还贷款）', kind: 'new' },
        { name: '住房公积金提取（租房）', kind: 'new' },
        { name: '住房公积金提取（退休销户）', kind: 'cancellation' },
      ],
    };
  },
);

const fundEmployer = implement(BASIC_CODE.FUND_EMPLOYER, ['hz-gjj', 'nb-gjj', 'wz-gjj'], (ctx) => ({
  guide: guide(ctx, {
    conditions: ['在本市依法设立的企业、事业单位、民办非企业单位等，自设立之日起 30 日内办理'],
    ...IMMEDIATE_ZERO_VISIT,
    places: fundHall(ctx),
    audiences: ENTERPRISE,
    depth: 4,
    themes: ['establishment', 'housing'],
    result: { name: '住房公积金单位登记号' },
  }),
  materials: [
    businessLicence(),
    applicationForm('住房公积金单位缴存登记表'),
    idCard('经办人', 'agent-id-card'),
  ],
  form: form(
    '住房公积金单位缴存登记表',
    [...ENTERPRISE_PREMISES_FIELDS, ...BANK_FIELDS],
    {
      contributionRate: { type: 'number', title: '单位缴存比例（%）', minimum: 5, maximum: 12 },
      employees: { type: 'integer', title: '缴存职工人数', minimum: 0 },
    },
    [...ENTERPRISE_REQUIRED, 'contributionRate'],
  ),
  process: onTheSpot('核验并即时登记'),
  handlingItems: stages('住房公积金单位', { new: '缴存登记', change: '信息变更', cancellation: '注销' }),
}));

const propertyTransfer = implement(
  BASIC_CODE.PROPERTY_TRANSFER,
  [
    ['hz-ghzy', { promised: 1 }],
    ['nb-zrzy', { promised: 1 }],
    'xh-ghzyfj',
    ['tl-ghzy', { promised: 5 }],
    'yz-zrzyfj',
    'lc-zrzyfj',
  ],
  (ctx) => {
    const promised = ctx.variant.promised ?? 3;
    return {
      guide: guide(ctx, {
        conditions: [
          '不动产已依法办理首次登记，权属清楚，未被查封或者限制转移',
          '因买卖、互换、赠与的，由转让方和受让方共同申请；因继承、受遗赠的，可由继承人或受遗赠人单方申请',
          '已按规定完成存量房买卖合同网签备案和契税等税费申报缴纳',
        ],
        legal: 30,
        promised,
        ...visitsFor(3, 1, '交易双方须到场核验身份并当面签署询问笔录；选择邮寄或电子证照的无需再次到场'),
        fee: {
          charged: true,
          standard:
            '住宅类不动产登记费每件 80 元，非住宅类每件 550 元；核发一本证书免收工本费，每增加一本加收 10 元',
          basis:
            '《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）',
        },
        places: realEstatePlace(ctx),
        audiences: BOTH,
        depth: 3,
        themes: ['housing'],
        highFrequency: true,
        result: { name: '不动产权证书', licenceTypeCode: 'BDCQZS' },
      }),
      materials: [
        windowMade('application-form', '不动产登记申请书', '依据申请信息生成，申请人核对后签名（盖章）'),
        idCard('转让方、受让方', 'parties-id-card'),
        businessLicence({ necessity: 'conditional', condition: '当事人为企业法人等非自然人的' }),
        propertyCertificate(
          '不动产权证书（或房屋所有权证、国有土地使用证）',
          '权利人、坐落与登记簿一致，无查封、抵押未注销等限制',
          { specification: '原件交回；已关联电子证照的免提交' },
        ),
        shared(
          'sale-contract',
          '存量房买卖合同',
          '存量房买卖合同网签备案信息',
          '合同已网签备案，买卖双方和成交价格与申请一致',
        ),
        shared('tax-paid', '契税等税费完税信息', '不动产交易税费完税信息', '税务部门已推送完税或不征税信息'),
        material('inheritance-proof', '继承、受遗赠权属证明材料', {
          necessity: 'conditional',
          condition: '因继承、受遗赠申请转移登记的',
          acceptanceStandard: '公证书、生效法律文书或经查验的继承材料，能证明全部继承人身份及继承份额',
        }),
        powerOfAttorney(),
      ],
      form: form(
        '不动产转移登记申请表',
        [...PERSON_FIELDS, ...PROPERTY_DEAL_FIELDS],
        {
          transferCause: {
            type: 'string',
            title: '转移原因',
            enum: ['买卖', '赠与', '继承', '互换', '分割合并'],
          },
          sharedOwnership: { type: 'string', title: '共有方式', enum: ['单独所有', '共同共有', '按份共有'] },
          delivery: { type: 'string', title: '领证方式', enum: ['窗口领取', '邮寄送达', '电子证照'] },
        },
        [...PERSON_REQUIRED, 'propertyAddress', 'buyerName', 'buyerIdNumber', 'transferCause'],
      ),
      process: flow(promised, { joint: ['taxation'], production: true, reviewName: '登记审核（税费联办）' }),
      handlingItems: [
        { name: '不动产转移登记（买卖）', kind: 'change' },
        { name: '不动产转移登记（赠与）', kind: 'change' },
        { name: '不动产转移登记（继承、受遗赠）', kind: 'change' },
      ],
    };
  },
);

const planningPermit = implement(
  BASIC_CODE.PLANNING_PERMIT,
  [
    ['hz-ghzy', { promised: 10 }],
    ['wz-zrzy', { promised: 10 }],
    'xh-ghzyfj',
    'tl-ghzy',
    'yz-zrzyfj',
    'yj-zrzy',
  ],
  (ctx) => {
    const promised = ctx.variant.promised ?? 7;
    return {
      guide: guide(ctx, {
        conditions: [
          '已依法取得建设用地使用权，具有建设用地规划许可证或不动产权证书等土地权属证明',
          '建设工程设计方案符合控制性详细规划、规划条件和相关技术规定',
          '属于政府投资项目的，已取得项目审批文件；依法需批前公示的已公示',
        ],
        legal: 20,
        promised,
        visits: 0,
        audiences: ENTERPRISE,
        depth: 3,
        themes: ['construction'],
        special: [
          {
            name: '专家评审',
            description: '重大项目或者城市重要区域项目的设计方案组织专家论证评审，评审时间不计入办理时限',
            maxWorkingDays: 15,
          },
          {
            name: '批前公示',
            description: '设计方案在项目现场和网站进行批前公示，公示期不少于 7 日，公示时间不计入办理时限',
          },
        ],
        result: { name: '建设工程规划许可证', licenceTypeCode: 'JSGCGHXKZ' },
      }),
      materials: [
        applicationForm('建设工程规划许可申请表'),
        businessLicence(),
        eLicence(
          'land-title',
          '土地权属证明（不动产权证书或建设用地规划许可证）',
          'BDCQZS',
          '权利人与建设单位一致，用地范围、用途与申请一致',
        ),
        material('design-scheme', '建设工程设计方案（总平面图、建筑单体平立剖面图及技术经济指标）', {
          forms: ['electronic'],
          specification: 'PDF 及 CAD 电子文件，加盖设计单位出图章',
          acceptanceStandard: '由具备相应资质的设计单位编制，各项指标满足规划条件',
        }),
        material('investment-approval', '项目审批、核准或备案文件', {
          necessity: 'conditional',
          condition: '依法须办理项目审批、核准或备案的',
          acceptanceStandard: '文件在有效期内，建设内容与申请一致',
        }),
        powerOfAttorney(),
      ],
      form: form(
        '建设工程规划许可申请表',
        [...ENTERPRISE_FIELDS, 'address'],
        {
          projectName: { type: 'string', title: '项目名称', maxLength: 200 },
          projectLocation: { type: 'string', title: '建设位置', maxLength: 200 },
          buildingArea: { type: 'number', title: '总建筑面积（平方米）', minimum: 0 },
          projectCode: { type: 'string', title: '项目代码', pattern: '^[0-9A-Z-]{10,30}$' },
        },
        [...ENTERPRISE_REQUIRED, 'projectName', 'projectLocation', 'buildingArea'],
      ),
      process: flow(promised, {
        joint: ['housing_construction'],
        production: true,
        preliminary: true,
        reviewName: '设计方案审查（并联）',
      }),
      handlingItems: stages('建设工程规划许可', {
        new: LICENCE_STAGES.new,
        change: LICENCE_STAGES.change,
        renewal: LICENCE_STAGES.renewal,
      }),
    };
  },
);

const contractFiling = implement(
  BASIC_CODE.CONTRACT_FILING,
  ['hz-jw', 'xh-zjj', 'tl-zjj', 'yz-zjj', 'lc-zjj'],
  (ctx) => ({
    guide: guide(ctx, {
      conditions: [
        '房屋已取得不动产权证书，权属清晰，未被查封、未设定禁止转让的限制',
        '买卖双方已协商一致，通过经备案的房地产经纪机构或者自行成交',
      ],
      ...IMMEDIATE_ZERO_VISIT,
      places: [hallPlace(ctx, '房屋交易窗口')],
      audiences: BOTH,
      depth: 4,
      themes: ['housing'],
      highFrequency: true,
      result: { name: '存量房买卖合同网签备案证明' },
    }),
    materials: [
      idCard('买卖双方', 'parties-id-card'),
      propertyCertificate('不动产权证书', '出卖人为登记权利人，房屋无查封限制'),
      windowMade('sale-contract', '存量房买卖合同', '合同在网签系统中生成，双方电子签名确认后备案'),
      material('escrow-agreement', '交易资金监管协议', {
        necessity: 'conditional',
        condition: '交易双方选择资金监管的',
        acceptanceStandard: '监管账户、金额与合同约定一致',
      }),
    ],
    form: form(
      '存量房买卖合同网签备案申请',
      [...PERSON_FIELDS, ...PROPERTY_DEAL_FIELDS],
      {
        agency: { type: 'string', title: '经纪机构（自行成交的不填）', maxLength: 100 },
      },
      [...PERSON_REQUIRED, 'propertyAddress', 'buyerName', 'buyerIdNumber', 'transactionPrice'],
    ),
    process: onTheSpot('网签备案'),
    handlingItems: stages('存量房买卖合同网签备案', { new: '', cancellation: '注销' }),
  }),
);

const deedTax = implement(BASIC_CODE.DEED_TAX, ['nb-sw', 'xh-sw', 'tl-sw', 'yz-sw', 'lc-sw'], (ctx) => ({
  guide: guide(ctx, {
    conditions: [
      '承受土地、房屋权属的单位和个人，签订权属转移合同或取得其他具有合同性质的凭证',
      '在办理不动产转移登记之前申报缴纳；符合减免条件的同时申请减免',
    ],
    ...IMMEDIATE_ZERO_VISIT,
    places: realEstatePlace(ctx),
    audiences: BOTH,
    depth: 4,
    themes: ['housing', 'tax'],
    highFrequency: true,
    result: { name: '契税完税证明', licenceTypeCode: 'QSWSZM' },
  }),
  materials: [
    idCard('承受方'),
    shared(
      'sale-contract',
      '土地、房屋权属转移合同',
      '存量房买卖合同网签备案信息',
      '合同成交价格、承受方与申报一致',
    ),
    material('family-housing', '家庭住房情况书面查询结果或承诺', {
      necessity: 'conditional',
      condition: '申请享受家庭首套、第二套住房契税优惠的',
      acceptanceStandard: '家庭成员及住房套数信息真实，与不动产登记信息核对一致',
    }),
  ],
  form: form(
    '契税纳税申报表',
    [...PERSON_FIELDS, 'propertyAddress', 'transactionPrice'],
    {
      housingCount: {
        type: 'string',
        title: '家庭住房套数（含本次）',
        enum: ['首套', '第二套', '第三套及以上', '非住房'],
      },
      area: { type: 'number', title: '房屋建筑面积（平方米）', minimum: 0 },
    },
    [...PERSON_REQUIRED, 'propertyAddress', 'transactionPrice', 'housingCount'],
  ),
  process: onTheSpot('申报审核并开具完税证明'),
  handlingItems: [{ name: '契税申报', kind: 'new' }],
}));

export const propertyEntries: SeedEntry[] = [
  ...fundWithdrawal,
  ...fundEmployer,
  ...propertyTransfer,
  ...planningPermit,
  ...contractFiling,
  ...deedTax,
];
