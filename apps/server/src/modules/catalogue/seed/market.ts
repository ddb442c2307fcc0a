/** 市场监督管理: 市场主体登记, 食品经营许可, 药品零售经营许可. */
import type { BasicItem } from '../catalogue.model.js';
import type { SeedEntry } from '../catalogue.seed-types.js';
import { BASIC_CODE } from './basic-codes.js';
import {
  ENTERPRISE,
  flow,
  guide,
  immediateOr,
  implement,
  LICENCE_STAGES,
  law,
  onTheSpotOr,
  PERSON,
  stages,
  visitsFor,
} from './common.js';
import {
  ENTERPRISE_FIELDS,
  ENTERPRISE_PREMISES_FIELDS,
  ENTERPRISE_REQUIRED,
  form,
  PERSON_FIELDS,
  PERSON_REQUIRED,
} from './shared-forms.js';
import {
  applicationForm,
  businessLicence,
  idCard,
  material,
  powerOfAttorney,
  shared,
} from './shared-materials.js';

const REGISTRATION_REGULATION = '《中华人民共和国市场主体登记管理条例》';
const registrationArticle3 = law(
  REGISTRATION_REGULATION,
  '第三条',
  '市场主体应当依照本条例办理登记；未经登记，不得以市场主体名义从事经营活动。法律、行政法规规定无需办理登记的除外。',
);
const registrationArticle19 = law(
  REGISTRATION_REGULATION,
  '第十九条',
  '登记机关对申请材料进行形式审查。申请材料齐全、符合法定形式的，予以确认并当场登记；不能当场登记的，应当在 3 个工作日内予以登记；情形复杂的，经登记机关负责人批准，可以再延长 3 个工作日。',
);

export const marketItems: BasicItem[] = [
  {
    basicCode: BASIC_CODE.FOOD,
    name: '食品经营许可',
    type: 'licensing',
    competentSector: 'market_regulation',
    implementingSector: 'market_regulation',
    levels: ['county'],
    legalBasis: [
      law(
        '《中华人民共和国食品安全法》',
        '第三十五条',
        '国家对食品生产经营实行许可制度。从事食品生产、食品销售、餐饮服务，应当依法取得许可；销售食用农产品和仅销售预包装食品的除外，仅销售预包装食品的应当向所在地县级以上食品安全监督管理部门备案。县级以上地方食品安全监督管理部门依照行政许可法审核申请材料，必要时对经营场所进行现场核查，符合条件的准予许可，不符合的不予许可并书面说明理由。',
      ),
      law(
        '《中华人民共和国行政许可法》',
        '第四十二条',
        '除当场作出决定的以外，行政机关应当自受理申请之日起二十日内作出行政许可决定；二十日内不能作出决定的，经本机关负责人批准可以延长十日，并将延长理由告知申请人。',
      ),
    ],
    aliases: ['食品许可证', '餐饮许可证', '餐饮服务许可', '开饭店', '开餐饮店', '食品经营许可证', '小餐饮'],
  },
  {
    basicCode: BASIC_CODE.INDIVIDUAL,
    name: '个体工商户设立登记',
    type: 'licensing',
    competentSector: 'market_regulation',
    implementingSector: 'market_regulation',
    levels: ['county'],
    legalBasis: [
      registrationArticle3,
      law(
        REGISTRATION_REGULATION,
        '第二条',
        '本条例所称市场主体，是指以营利为目的从事经营活动的自然人、法人及非法人组织，包括个体工商户。',
      ),
      registrationArticle19,
    ],
    aliases: ['个体户注册', '开个体户', '个体营业执照', '办营业执照', '个体工商户登记', '开小店'],
  },
  {
    basicCode: BASIC_CODE.COMPANY,
    name: '公司设立登记',
    type: 'licensing',
    competentSector: 'market_regulation',
    implementingSector: 'market_regulation',
    levels: ['city', 'county'],
    legalBasis: [
      law('《中华人民共和国公司法》', '第二十九条', '设立公司，应当依法向公司登记机关申请设立登记。'),
      law(
        '《中华人民共和国公司法》',
        '第三十三条',
        '依法设立的公司，由公司登记机关发给公司营业执照，营业执照签发日期为公司成立日期；电子营业执照与纸质营业执照具有同等法律效力。',
      ),
      registrationArticle19,
    ],
    aliases: ['开公司', '注册公司', '公司注册', '企业注册', '办营业执照', '有限公司设立'],
  },
  {
    basicCode: BASIC_CODE.COMPANY_CHANGE,
    name: '公司变更登记',
    type: 'licensing',
    competentSector: 'market_regulation',
    implementingSector: 'market_regulation',
    levels: ['city', 'county'],
    legalBasis: [
      law(
        REGISTRATION_REGULATION,
        '第二十四条',
        '市场主体变更登记事项，应当自作出变更决议、决定或者法定变更事项发生之日起 30 日内向登记机关申请变更登记；依法须经批准的，应当在批准之日起 30 日内申请。',
      ),
      registrationArticle19,
    ],
    aliases: ['公司变更', '换法人', '变更法定代表人', '公司改名', '迁址', '增资', '经营范围变更'],
  },
  {
    basicCode: BASIC_CODE.COMPANY_CANCEL,
    name: '公司注销登记',
    type: 'licensing',
    competentSector: 'market_regulation',
    implementingSector: 'market_regulation',
    levels: ['city', 'county'],
    legalBasis: [
      law(
        REGISTRATION_REGULATION,
        '第三十一条',
        '市场主体因解散、被宣告破产或者其他法定事由需要终止的，应当依法向登记机关申请注销登记；依法须清算的，清算结束后 30 日内申请注销登记。',
      ),
      law(
        REGISTRATION_REGULATION,
        '第三十三条',
        '未发生或已清偿债权债务、已结清职工工资、社会保险费用、法定补偿金和应缴税款等，并由全体投资人书面承诺真实性的，可以按简易程序办理注销登记，承诺书及注销申请通过国家企业信用信息公示系统公示 20 日。',
      ),
    ],
    aliases: ['公司注销', '简易注销', '关闭公司', '企业注销', '注销营业执照'],
  },
  {
    basicCode: BASIC_CODE.DRUG_RETAIL,
    name: '药品零售经营许可',
    type: 'licensing',
    competentSector: 'market_regulation',
    implementingSector: 'market_regulation',
    levels: ['county'],
    legalBasis: [
      law(
        '《中华人民共和国药品管理法》',
        '第五十一条',
        '从事药品零售活动，应当经所在地县级以上地方人民政府药品监督管理部门批准，取得药品经营许可证；无药品经营许可证的，不得经营药品。许可证应当标明有效期和经营范围，到期重新审查发证。',
      ),
      law(
        '《中华人民共和国药品管理法》',
        '第五十二条',
        '从事药品经营活动应当具备依法经过资格认定的药师或者其他药学技术人员，与所经营药品相适应的营业场所、设备、仓储设施和卫生环境，相应的质量管理机构或者人员，以及保证药品质量并符合药品经营质量管理规范的规章制度。',
      ),
    ],
    aliases: ['开药店', '药店许可证', '药品经营许可证', '零售药店', '药房开办'],
  },
];

const food = implement(
  BASIC_CODE.FOOD,
  [
    'xh-scjg',
    ['tl-scjg', { promised: 5, depth: 3 }],
    'yz-scjg',
    ['nh-scjg', { promised: 5 }],
    'lc-scjg',
    'yj-scjg',
  ],
  (ctx) => {
    const promised = ctx.variant.promised ?? 3;
    const depth = ctx.variant.depth ?? 4;
    return {
      guide: guide(ctx, {
        conditions: [
          '申请人已依法取得营业执照或者其他主体资格证明文件',
          '具有与经营的食品品种、数量相适应的经营场所，场所保持清洁，并与有毒、有害场所以及其他污染源保持规定的距离',
          '具有与经营的食品品种、数量相适应的设备或者设施，餐饮服务的加工制作布局和工艺流程合理，能防止交叉污染',
          '配备专职或者兼职的食品安全管理人员，建立保证食品安全的规章制度',
          '法律、法规规定的其他条件',
        ],
        legal: 20,
        promised,
        ...visitsFor(depth, 1, '选择窗口领取纸质许可证的，须到窗口领取一次；选择邮寄或电子证照的无需到场'),
        audiences: ['enterprise', 'person'],
        depth,
        themes: ['operation'],
        highFrequency: true,
        special: [
          {
            name: '现场核查',
            description:
              '对申请材料的实质内容需要核实的，由两名以上执法人员对经营场所进行现场核查，核查结论作为许可决定的依据；申请人书面承诺符合条件的，可先行发证后核查',
            maxWorkingDays: 5,
          },
        ],
        result: { name: '食品经营许可证', licenceTypeCode: 'SPJYXKZ' },
      }),
      materials: [
        applicationForm('食品经营许可申请书'),
        businessLicence(),
        idCard('法定代表人（负责人或经营者）'),
        material('floor-plan', '经营场所平面布局图及主要设备设施布局、操作流程说明', {
          acceptanceStandard: '标明加工制作区域、设备位置和操作流程，与实际经营场所一致',
          fillingNotes: '餐饮服务经营者须标明食品处理区、就餐区及专间（专用操作区）位置',
        }),
        material('safety-rules', '食品安全管理制度文本', {
          necessity: 'deferrable',
          deferralWorkingDays: 5,
          acceptanceStandard: '包括从业人员健康管理、进货查验记录、过程控制等基本制度',
        }),
        shared(
          'staff-health',
          '食品安全管理人员及从业人员健康证明',
          '食品从业人员健康体检信息',
          '从事接触直接入口食品工作的人员均持有效健康证明',
        ),
        powerOfAttorney(),
      ],
      form: form(
        '食品经营许可申请表',
        ENTERPRISE_PREMISES_FIELDS,
        {
          operatorCategory: {
            type: 'string',
            title: '主体业态',
            enum: ['食品销售经营者', '餐饮服务经营者', '单位食堂'],
          },
          businessItems: {
            type: 'string',
            title: '经营项目',
            description: '如：散装食品销售、热食类食品制售、冷食类食品制售、自制饮品制售',
            maxLength: 500,
          },
          businessArea: { type: 'number', title: '经营场所面积（平方米）', minimum: 1 },
          foodSafetyManager: { type: 'string', title: '食品安全管理人员姓名', maxLength: 50 },
        },
        [...ENTERPRISE_REQUIRED, 'businessAddress', 'operatorCategory'],
      ),
      process: flow(promised, { production: true, reviewName: '材料审查及现场核查' }),
      handlingItems: stages('食品经营许可', LICENCE_STAGES),
    };
  },
);

const individual = implement(
  BASIC_CODE.INDIVIDUAL,
  ['xh-scjg', 'tl-scjg', 'yz-scjg', ['nh-scjg', { promised: 1 }], 'lc-scjg', ['yj-scjg', { promised: 1 }]],
  (ctx) => {
    const promised = ctx.variant.promised ?? 0;
    return {
      guide: guide(ctx, {
        conditions: [
          '有经营能力的自然人（经营者），以个人或者家庭名义申请',
          '有固定的经营场所，并按住所（经营场所）申报承诺制要求如实申报',
          '经营范围不属于法律、行政法规禁止个体工商户经营的项目；涉及许可的，取得营业执照后依法办理许可',
        ],
        legal: 3,
        promised: immediateOr(promised),
        visits: 0,
        audiences: PERSON,
        depth: 4,
        themes: ['employment', 'establishment'],
        highFrequency: true,
        result: { name: '个体工商户营业执照', licenceTypeCode: 'YYZZ' },
      }),
      materials: [
        applicationForm('个体工商户登记（备案）申请书'),
        idCard('经营者'),
        material('premises-declaration', '经营场所使用承诺书（或场所使用证明）', {
          acceptanceStandard: '经营场所地址具体到门牌号，承诺对场所合法性负责；租赁场所可提供租赁协议',
          fillingNotes: '已在住所（经营场所）登记库中的地址可直接选择，无需另附证明',
        }),
        powerOfAttorney(),
      ],
      form: form(
        '个体工商户设立登记申请表',
        [...PERSON_FIELDS, 'enterpriseName', 'businessAddress', 'businessScope'],
        {
          organizationForm: { type: 'string', title: '组成形式', enum: ['个人经营', '家庭经营'] },
          capital: { type: 'number', title: '资金数额（万元）', minimum: 0 },
          employees: { type: 'integer', title: '从业人数', minimum: 1 },
        },
        [...PERSON_REQUIRED, 'businessAddress', 'businessScope', 'organizationForm'],
      ),
      process: onTheSpotOr(promised, '审核并当场登记发照'),
      handlingItems: [{ name: '个体工商户设立登记', kind: 'new' }],
    };
  },
);

const company = implement(
  BASIC_CODE.COMPANY,
  ['hz-scjg', 'xh-scjg', ['tl-scjg', { promised: 1 }], 'nb-scjg', 'yz-scjg', 'lc-scjg'],
  (ctx) => {
    const promised = ctx.variant.promised ?? 0;
    return {
      guide: guide(ctx, {
        conditions: [
          '股东符合法定人数，公司名称符合名称登记管理规定且经自主申报',
          '有符合公司法规定的公司章程，股东认缴出资符合法律规定',
          '有公司住所，建立符合有限责任公司或者股份有限公司要求的组织机构',
          '法定代表人、董事、监事、高级管理人员不存在公司法规定不得担任的情形',
        ],
        legal: 3,
        promised: immediateOr(promised),
        visits: 0,
        audiences: ENTERPRISE,
        depth: 4,
        themes: ['establishment'],
        highFrequency: true,
        result: { name: '营业执照', licenceTypeCode: 'YYZZ' },
      }),
      materials: [
        applicationForm('公司登记（备案）申请书'),
        material('articles', '公司章程', {
          acceptanceStandard: '由全体股东（发起人）签署，载明公司法规定的必备事项',
          fillingNotes: '可使用网上登记系统提供的章程范本在线生成并电子签名',
        }),
        idCard('自然人股东', 'shareholder-id-card', {
          necessity: 'conditional',
          condition: '股东为自然人的',
        }),
        businessLicence({
          key: 'shareholder-licence',
          name: '法人股东营业执照',
          necessity: 'conditional',
          condition: '股东为企业法人的',
        }),
        material('appointments', '法定代表人、董事、监事和经理的任职文件', {
          acceptanceStandard: '股东会决议或者任免文件由有权机构依法作出，人员身份信息准确',
        }),
        material('premises', '住所使用相关文件', {
          necessity: 'deferrable',
          deferralWorkingDays: 10,
          acceptanceStandard: '住所地址规范、真实，可使用住所申报承诺书替代',
        }),
        powerOfAttorney(),
      ],
      form: form(
        '公司设立登记申请表',
        [
          'enterpriseName',
          'legalRepresentative',
          'contactName',
          'mobile',
          'businessAddress',
          'businessScope',
        ],
        {
          companyType: {
            type: 'string',
            title: '公司类型',
            enum: ['有限责任公司（自然人投资或控股）', '有限责任公司（自然人独资）', '股份有限公司'],
          },
          registeredCapital: { type: 'number', title: '注册资本（万元）', minimum: 0 },
          shareholders: { type: 'string', title: '股东及出资情况', maxLength: 2000 },
        },
        [
          'enterpriseName',
          'legalRepresentative',
          'mobile',
          'businessAddress',
          'businessScope',
          'companyType',
        ],
      ),
      process: onTheSpotOr(promised, '形式审查并当场登记发照'),
      handlingItems: [{ name: '公司设立登记', kind: 'new' }],
    };
  },
);

const companyChange = implement(
  BASIC_CODE.COMPANY_CHANGE,
  ['hz-scjg', 'xh-scjg', 'yz-scjg', ['lc-scjg', { promised: 1 }]],
  (ctx) => {
    const promised = ctx.variant.promised ?? 0;
    return {
      guide: guide(ctx, {
        conditions: [
          '公司已依法登记，变更事项已经股东会决议或者依法作出决定',
          '变更后的登记事项符合法律、行政法规规定；依法须经批准的已取得批准文件',
        ],
        legal: 3,
        promised: immediateOr(promised),
        visits: 0,
        audiences: ENTERPRISE,
        depth: 4,
        themes: ['change'],
        result: { name: '营业执照（变更后）', licenceTypeCode: 'YYZZ' },
      }),
      materials: [
        applicationForm('公司登记（备案）申请书（变更）'),
        businessLicence(),
        material('resolution', '关于变更事项的股东会决议或者股东决定', {
          acceptanceStandard: '决议内容与申请变更事项一致，签署符合公司章程规定',
        }),
        material('amended-articles', '公司章程修正案', {
          necessity: 'conditional',
          condition: '变更事项涉及公司章程修改的',
          acceptanceStandard: '修正内容与决议一致，由法定代表人签署',
        }),
        idCard('新任法定代表人', 'new-representative-id-card', {
          necessity: 'conditional',
          condition: '变更法定代表人的',
        }),
        powerOfAttorney(),
      ],
      form: form(
        '公司变更登记申请表',
        ENTERPRISE_PREMISES_FIELDS,
        {
          changeItems: {
            type: 'string',
            title: '变更事项',
            enum: ['名称', '住所', '法定代表人', '注册资本', '经营范围', '股东'],
          },
          changeBefore: { type: 'string', title: '变更前内容', maxLength: 2000 },
          changeAfter: { type: 'string', title: '变更后内容', maxLength: 2000 },
        },
        [...ENTERPRISE_REQUIRED, 'changeItems', 'changeAfter'],
      ),
      process: onTheSpotOr(promised, '审查并当场办理变更登记'),
      handlingItems: [
        { name: '公司变更登记（名称）', kind: 'change' },
        { name: '公司变更登记（住所）', kind: 'change' },
        { name: '公司变更登记（法定代表人）', kind: 'change' },
        { name: '公司变更登记（注册资本）', kind: 'change' },
        { name: '公司变更登记（经营范围）', kind: 'change' },
      ],
    };
  },
);

const companyCancel = implement(BASIC_CODE.COMPANY_CANCEL, ['xh-scjg', 'yz-scjg', 'lc-scjg'], (ctx) => ({
  guide: guide(ctx, {
    conditions: [
      '公司因解散、被宣告破产或其他法定事由需要终止，依法须清算的已清算完毕',
      '申请简易注销的，未发生或已清偿债权债务，已结清职工工资、社会保险费用、法定补偿金和应缴税款，全体投资人书面承诺',
      '不存在被列入严重违法失信名单、股权被冻结或者正在被立案调查等不得注销的情形',
    ],
    legal: 3,
    promised: 1,
    visits: 0,
    audiences: ENTERPRISE,
    depth: 4,
    themes: ['cancellation'],
    special: [
      {
        name: '简易注销公示',
        description:
          '简易注销须将全体投资人承诺书通过国家企业信用信息公示系统公示 20 日，公示期不计入办理时限',
      },
      {
        name: '债权人公告',
        description: '一般注销的清算组应自成立之日起 60 日内公告，公告期 45 日，公告期不计入办理时限',
      },
    ],
    result: { name: '准予注销登记通知书' },
  }),
  materials: [
    applicationForm('公司注销登记申请书'),
    businessLicence({ specification: '原件交回；电子营业执照自动作废' }),
    material('liquidation-report', '清算报告或者全体投资人承诺书', {
      acceptanceStandard: '一般注销提交经确认的清算报告；简易注销提交全体投资人签署的承诺书',
    }),
    shared('tax-clearance', '清税信息', '税务注销（清税）信息', '税务部门已出具清税信息或确认无未结涉税事项'),
    powerOfAttorney(),
  ],
  form: form(
    '公司注销登记申请表',
    ENTERPRISE_FIELDS,
    {
      cancellationMode: { type: 'string', title: '注销方式', enum: ['一般注销', '简易注销'] },
      reason: {
        type: 'string',
        title: '注销原因',
        enum: ['股东会决议解散', '章程规定的营业期限届满', '依法被吊销', '其他'],
      },
    },
    [...ENTERPRISE_REQUIRED, 'cancellationMode', 'reason'],
  ),
  process: flow(1),
  handlingItems: [
    { name: '公司注销登记（一般注销）', kind: 'cancellation' },
    { name: '公司注销登记（简易注销）', kind: 'cancellation' },
  ],
}));

const drugRetail = implement(
  BASIC_CODE.DRUG_RETAIL,
  ['xh-scjg', ['nh-scjg', { promised: 10 }], 'yj-scjg'],
  (ctx) => {
    const promised = ctx.variant.promised ?? 8;
    return {
      guide: guide(ctx, {
        conditions: [
          '已取得营业执照，经营场所、仓储设施与所经营药品相适应',
          '配备依法经过资格认定的执业药师或者其他药学技术人员',
          '有与所经营药品相适应的质量管理人员和质量管理制度，符合药品经营质量管理规范',
          '符合当地药品零售企业设置的相关规定',
        ],
        legal: 20,
        promised,
        ...visitsFor(3, 1, '现场检查须由企业负责人、质量负责人在场配合'),
        audiences: ENTERPRISE,
        depth: 3,
        themes: ['operation', 'medical'],
        special: [
          {
            name: '现场检查',
            description:
              '按照药品经营质量管理规范对经营场所、设施设备、人员和制度进行现场检查，检查时间不计入办理时限',
            maxWorkingDays: 10,
          },
        ],
        result: { name: '药品经营许可证', licenceTypeCode: 'YPJYXKZ' },
      }),
      materials: [
        applicationForm('药品经营许可证申请表'),
        businessLicence(),
        idCard('法定代表人（企业负责人）'),
        material('pharmacist', '执业药师注册证及质量负责人资质证明', {
          acceptanceStandard: '执业药师注册单位与申请企业一致，在有效期内',
        }),
        material('premises-plan', '经营场所、仓库平面布局图及产权或使用证明', {
          acceptanceStandard: '注明面积和功能分区，与实际一致',
        }),
        material('quality-system', '药品质量管理制度及设施设备目录', {
          necessity: 'deferrable',
          deferralWorkingDays: 5,
          acceptanceStandard: '制度覆盖采购、验收、储存、销售、追溯和不良反应报告',
        }),
        powerOfAttorney(),
      ],
      form: form(
        '药品零售经营许可申请表',
        ENTERPRISE_PREMISES_FIELDS,
        {
          businessScopeDrugs: {
            type: 'string',
            title: '经营范围（药品）',
            description: '如：中药饮片、中成药、化学药、生物制品',
            maxLength: 500,
          },
          pharmacistName: { type: 'string', title: '执业药师姓名', maxLength: 50 },
          businessArea: { type: 'number', title: '营业面积（平方米）', minimum: 1 },
        },
        [...ENTERPRISE_REQUIRED, 'businessAddress', 'businessScopeDrugs'],
      ),
      process: flow(promised, { production: true, reviewName: '技术审查及现场检查' }),
      handlingItems: stages('药品零售经营许可', { ...LICENCE_STAGES, renewal: '（重新审查发证）' }),
    };
  },
);

export const marketEntries: SeedEntry[] = [
  ...food,
  ...individual,
  ...company,
  ...companyChange,
  ...companyCancel,
  ...drugRetail,
];
