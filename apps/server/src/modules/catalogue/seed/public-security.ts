/** 公安: 户籍, 居民身份证, 居住证, 驾驶证, 印章刻制备案. */
import type { BasicItem } from '../catalogue.model.js';
import type { SeedEntry } from '../catalogue.seed-types.js';
import { BASIC_CODE } from './basic-codes.js';
import {
  type Ctx,
  ENTERPRISE,
  flow,
  guide,
  hallPlace,
  IMMEDIATE_ZERO_VISIT,
  implement,
  law,
  onTheSpot,
  PERSON,
  place,
  stages,
  visitsFor,
} from './common.js';
import {
  DECEASED_FIELDS,
  ENTERPRISE_FIELDS,
  ENTERPRISE_REQUIRED,
  form,
  NEWBORN_FIELDS,
  PERSON_FIELDS,
  PERSON_REQUIRED,
} from './shared-forms.js';
import {
  applicationForm,
  birthCertificate,
  businessLicence,
  CHECKED_E_LICENCE,
  householdRegister,
  idCard,
  marriageCertificate,
  material,
  photo,
  powerOfAttorney,
  propertyCertificate,
  shared,
  windowMade,
} from './shared-materials.js';

const HOUSEHOLD_REGULATION = '《中华人民共和国户口登记条例》';
const ID_CARD_LAW = '《中华人民共和国居民身份证法》';

export const publicSecurityItems: BasicItem[] = [
  {
    basicCode: BASIC_CODE.BIRTH_HUKOU,
    name: '出生户口登记',
    type: 'confirmation',
    competentSector: 'public_security',
    implementingSector: 'public_security',
    levels: ['county'],
    legalBasis: [
      law(
        HOUSEHOLD_REGULATION,
        '第七条',
        '婴儿出生后一个月以内，由户主、亲属、抚养人或者邻居向婴儿常住地户口登记机关申报出生登记。',
      ),
    ],
    aliases: ['新生儿落户', '报户口', '上户口', '出生报户', '新生儿入户'],
  },
  {
    basicCode: BASIC_CODE.MIGRATION,
    name: '户口迁移',
    type: 'confirmation',
    competentSector: 'public_security',
    implementingSector: 'public_security',
    levels: ['county'],
    legalBasis: [
      law(
        HOUSEHOLD_REGULATION,
        '第十条',
        '公民迁出本户口管辖区，由本人或者户主在迁出前向户口登记机关申报迁出登记，领取迁移证件，注销户口。',
      ),
      law(
        HOUSEHOLD_REGULATION,
        '第十三条',
        '公民迁移，从到达迁入地的时候起，城市在三日以内，农村在十日以内，由本人或者户主持迁移证件向户口登记机关申报迁入登记，缴销迁移证件。',
      ),
    ],
    aliases: ['迁户口', '户口迁入', '落户', '投靠落户', '购房落户', '人才落户', '户口迁移证'],
  },
  {
    basicCode: BASIC_CODE.ID_CARD_RENEWAL,
    name: '居民身份证换领',
    type: 'confirmation',
    competentSector: 'public_security',
    implementingSector: 'public_security',
    levels: ['county'],
    legalBasis: [
      law(ID_CARD_LAW, '第八条', '居民身份证由居民常住户口所在地的县级人民政府公安机关签发。'),
      law(
        ID_CARD_LAW,
        '第十一条',
        '国家决定换发新一代居民身份证、居民身份证有效期满、公民姓名变更或者证件严重损坏不能辨认的，公民应当换领新证；居民身份证登记项目出现错误的，公安机关应当及时更正并换发新证；领取新证时交回原证。居民身份证丢失的，应当申请补领。',
      ),
    ],
    aliases: [
      '办身份证',
      '换身份证',
      '身份证到期',
      '身份证换证',
      '补办身份证',
      '身份证补领',
      '身份证异地办理',
    ],
  },
  {
    basicCode: BASIC_CODE.HUKOU_CANCEL,
    name: '死亡人员户口注销',
    type: 'confirmation',
    competentSector: 'public_security',
    implementingSector: 'public_security',
    levels: ['county'],
    legalBasis: [
      law(
        HOUSEHOLD_REGULATION,
        '第八条',
        '公民死亡，城市在葬前，农村在一个月以内，由户主、亲属、抚养人或者邻居向户口登记机关申报死亡登记，注销户口。',
      ),
    ],
    aliases: ['户口注销', '死亡销户', '注销户口', '销户口', '身后事'],
  },
  {
    basicCode: BASIC_CODE.RESIDENCE_PERMIT,
    name: '居住证申领',
    type: 'public_service',
    competentSector: 'public_security',
    implementingSector: 'public_security',
    levels: ['county'],
    legalBasis: [
      law(
        '《居住证暂行条例》',
        '第二条',
        '公民离开常住户口所在地，到其他城市居住半年以上，符合有合法稳定就业、合法稳定住所、连续就读条件之一的，可以依照本条例申领居住证。',
      ),
    ],
    aliases: ['办居住证', '暂住证', '浙江居住证', '居住登记', '新居民'],
  },
  {
    basicCode: BASIC_CODE.DRIVING_LICENCE,
    name: '机动车驾驶证期满换证',
    type: 'licensing',
    competentSector: 'public_security',
    implementingSector: 'public_security',
    levels: ['city'],
    legalBasis: [
      law(
        '《中华人民共和国道路交通安全法》',
        '第十九条',
        '驾驶机动车，应当依法取得机动车驾驶证；申请人应当符合国务院公安部门规定的驾驶许可条件，经考试合格后由公安机关交通管理部门发给相应类别的驾驶证；驾驶人应当按照驾驶证载明的准驾车型驾驶机动车。',
      ),
    ],
    aliases: ['驾照到期', '换驾照', '驾驶证换证', '驾照换证', '驾驶证有效期满'],
  },
  {
    basicCode: BASIC_CODE.SEAL_FILING,
    name: '印章刻制备案',
    type: 'filing',
    competentSector: 'public_security',
    implementingSector: 'public_security',
    levels: ['county'],
    legalBasis: [
      law(
        '《国务院关于第三批取消中央指定地方实施行政许可事项的决定》（国发〔2017〕7号）',
        '附件',
        '取消公章刻制审批，公安机关改为对公章刻制企业和公章刻制实行备案管理，刻制企业将刻制信息实时报送公安机关。',
      ),
    ],
    aliases: ['刻章', '刻公章', '印章备案', '公章刻制', '企业印章'],
  },
];

/** The 户籍窗口 in the hall and the district's police stations. */
function householdPlaces(ctx: Ctx) {
  return [
    hallPlace(ctx, '公安户籍窗口'),
    place(
      `${ctx.dept.shortName}辖区各派出所户籍室`,
      `${ctx.region.name}各派出所（地址可在浙里办“公安服务”查询）`,
      '工作日 8:30-12:00, 13:30-17:00；周六上午照常办理（法定节假日除外）',
    ),
  ];
}

const birthHukou = implement(
  BASIC_CODE.BIRTH_HUKOU,
  ['xh-gafj', 'tl-gaj', 'yz-gafj', 'nh-gaj', 'lc-gafj', 'yj-gaj'],
  (ctx) => ({
    guide: guide(ctx, {
      conditions: [
        '新生儿父母一方户口在本辖区，新生儿随父或随母在常住地申报出生登记',
        '已取得出生医学证明；国内出生的非婚生子女可凭出生医学证明及亲子关系证明申报',
      ],
      ...IMMEDIATE_ZERO_VISIT,
      places: householdPlaces(ctx),
      audiences: PERSON,
      depth: 4,
      themes: ['birth', 'household'],
      highFrequency: true,
      result: { name: '居民户口簿（新生儿页）', licenceTypeCode: 'HKB' },
    }),
    materials: [
      applicationForm('出生登记申报表'),
      birthCertificate('新生儿姓名、性别、出生日期与申报信息一致'),
      householdRegister({ name: '随迁父（母）居民户口簿' }),
      idCard('父母双方', 'parents-id-card'),
      marriageCertificate(
        '父母结婚证',
        '原件核验；可共享婚姻登记信息的免提交',
        '持证人与出生医学证明所载父母一致',
        {
          necessity: 'conditional',
          condition: '父母已登记结婚的',
        },
      ),
    ],
    form: form(
      '出生登记申报表',
      [...PERSON_FIELDS, ...NEWBORN_FIELDS],
      {
        followParent: { type: 'string', title: '随父或随母落户', enum: ['随父', '随母'] },
        ethnicity: { type: 'string', title: '民族', maxLength: 20 },
      },
      [...PERSON_REQUIRED, 'childName', 'childGender', 'childBirthDate', 'followParent'],
    ),
    process: onTheSpot('审核并办理出生登记'),
    handlingItems: [{ name: '出生户口登记', kind: 'new' }],
  }),
);

const migration = implement(
  BASIC_CODE.MIGRATION,
  ['xh-gafj', ['tl-gaj', { promised: 3 }], 'yz-gafj', 'lc-gafj', ['yj-gaj', { promised: 3 }]],
  (ctx) => {
    const promised = ctx.variant.promised ?? 5;
    return {
      guide: guide(ctx, {
        conditions: [
          '符合迁入地户口迁移政策，如在迁入地有合法稳定住所（购房）、合法稳定就业并参加社会保险、投靠配偶或父母子女、人才引进等',
          '迁入人员无违法犯罪在逃等限制迁移情形',
          '跨省迁移实行“一站式”办理，由迁入地户籍窗口受理并联动迁出地办理迁出',
        ],
        legal: 20,
        promised,
        ...visitsFor(3, 1, '须本人到迁入地户籍窗口核验身份并采集人像信息'),
        places: householdPlaces(ctx),
        audiences: PERSON,
        depth: 3,
        themes: ['household', 'housing'],
        highFrequency: true,
        crossProvince: true,
        result: { name: '居民户口簿（迁入后）', licenceTypeCode: 'HKB' },
      }),
      materials: [
        applicationForm('户口迁移申请表'),
        idCard('迁移人'),
        householdRegister(),
        propertyCertificate('迁入地不动产权证书', '权利人与迁移人或其配偶一致，房屋用途为住宅', {
          necessity: 'conditional',
          condition: '以购房（合法稳定住所）类别申请迁入的',
          specification: CHECKED_E_LICENCE,
        }),
        shared(
          'social-insurance',
          '社会保险参保缴费记录',
          '职工基本养老保险参保缴费信息',
          '连续缴费期限符合当地落户政策',
        ),
        material('kinship-proof', '亲属关系证明', {
          necessity: 'conditional',
          condition: '以投靠配偶、父母或子女类别申请迁入的',
          acceptanceStandard: '结婚证、出生医学证明或户口簿等能证明亲属关系，信息可核验',
        }),
        powerOfAttorney(),
      ],
      form: form(
        '户口迁移申请表',
        [...PERSON_FIELDS, 'address'],
        {
          migrationCategory: {
            type: 'string',
            title: '迁移类别',
            enum: ['购房迁入', '就业迁入', '投靠迁入', '人才引进', '大中专院校录取', '其他'],
          },
          fromAddress: { type: 'string', title: '迁出地户籍地址', maxLength: 200 },
          movers: { type: 'integer', title: '随迁人数', minimum: 0, maximum: 20 },
        },
        [...PERSON_REQUIRED, 'migrationCategory', 'fromAddress', 'address'],
      ),
      process: flow(promised, { production: true }),
      handlingItems: [
        { name: '户口迁移（省内迁入）', kind: 'change' },
        { name: '户口迁移（跨省迁入一站式）', kind: 'change' },
      ],
    };
  },
);

const idCardRenewal = implement(
  BASIC_CODE.ID_CARD_RENEWAL,
  ['xh-gafj', 'tl-gaj', ['yz-gafj', { promised: 7 }], 'nh-gaj', ['lc-gafj', { promised: 7 }], 'yj-gaj'],
  (ctx) => {
    const promised = ctx.variant.promised ?? 10;
    return {
      guide: guide(ctx, {
        conditions: [
          '居民身份证有效期满、姓名等登记项目变更、证件严重损坏不能辨认或者丢失的',
          '申请人为中华人民共和国居民，户口在本辖区；非本地户籍的可在居住地异地受理（跨省通办）',
          '申请人须本人到场办理，未满十六周岁的由监护人陪同',
        ],
        legal: 60,
        promised,
        visits: 1,
        visitReason: '须本人到场采集指纹和人像，选择邮寄送达的无需再次到场领证',
        fee: {
          charged: true,
          standard: '有效期满换领 20 元/证；损坏换领、丢失补领 40 元/证；临时居民身份证 10 元/证',
          basis:
            '《中华人民共和国居民身份证法》关于证件工本费的规定；《国家发展改革委 财政部关于居民身份证收费标准及有关问题的通知》（发改价格〔2003〕2322号）',
        },
        places: householdPlaces(ctx),
        audiences: PERSON,
        depth: 3,
        themes: ['household'],
        highFrequency: true,
        crossProvince: true,
        result: { name: '居民身份证', licenceTypeCode: 'JMSFZ' },
      }),
      materials: [
        windowMade('application-form', '居民身份证申领登记表', '窗口根据户籍信息生成，申请人核对无误后签名'),
        householdRegister({ necessity: 'conditional', condition: '户籍信息需要核对或变更的' }),
        idCard('申请人原', 'old-id-card', {
          necessity: 'conditional',
          condition: '有效期满或证件损坏换领的（领取新证时交回原证）',
        }),
        photo(
          'photo',
          '居民身份证相片',
          '现场免费拍摄，或提交经公安机关检测合格的数码相片回执：近期正面免冠彩色头像，白色背景',
        ),
      ],
      form: form(
        '居民身份证申领预约表',
        [...PERSON_FIELDS, 'address'],
        {
          reason: {
            type: 'string',
            title: '申领原因',
            enum: ['有效期满换领', '登记项目变更换领', '损坏换领', '丢失补领'],
          },
          delivery: { type: 'string', title: '领证方式', enum: ['窗口领取', '邮寄送达'] },
          appointmentDate: { type: 'string', title: '预约日期', format: 'date' },
        },
        [...PERSON_REQUIRED, 'reason', 'delivery'],
      ),
      process: flow(promised, { production: true, reviewName: '审核及制证' }),
      handlingItems: [
        { name: '居民身份证有效期满换领', kind: 'renewal' },
        { name: '居民身份证登记项目变更换领', kind: 'change' },
        { name: '居民身份证损坏换领', kind: 'change' },
        { name: '居民身份证丢失补领', kind: 'new' },
      ],
    };
  },
);

const hukouCancel = implement(BASIC_CODE.HUKOU_CANCEL, ['xh-gafj', 'tl-gaj', 'nh-gaj', 'lc-gafj'], (ctx) => ({
  guide: guide(ctx, {
    conditions: [
      '户籍在本辖区的公民死亡，由其户主、亲属、抚养人或者邻居申报',
      '已开具居民死亡医学证明（推断）书或者法院宣告死亡判决书',
    ],
    ...IMMEDIATE_ZERO_VISIT,
    places: householdPlaces(ctx),
    audiences: PERSON,
    depth: 4,
    themes: ['after_death', 'household'],
    result: { name: '户口注销证明' },
  }),
  materials: [
    shared(
      'death-certificate',
      '居民死亡医学证明（推断）书',
      '居民死亡医学证明信息',
      '死亡人员身份信息与户籍信息一致',
    ),
    householdRegister({ name: '死亡人员居民户口簿' }),
    idCard('申报人'),
    material('deceased-id-card', '死亡人员居民身份证', {
      necessity: 'conditional',
      condition: '死亡人员生前已领取居民身份证的（交回或由窗口作废）',
      specification: '原件交回；无法交回的说明情况',
      acceptanceStandard: '证件号码与死亡人员一致',
    }),
  ],
  form: form(
    '死亡人员户口注销申报表',
    [...PERSON_FIELDS, ...DECEASED_FIELDS],
    {
      relation: {
        type: 'string',
        title: '申报人与逝者关系',
        enum: ['配偶', '子女', '父母', '其他亲属', '邻居或其他'],
      },
    },
    [...PERSON_REQUIRED, ...DECEASED_FIELDS, 'relation'],
  ),
  process: onTheSpot('核验死亡信息并注销户口'),
  handlingItems: [{ name: '死亡人员户口注销', kind: 'cancellation' }],
}));

const residencePermit = implement(BASIC_CODE.RESIDENCE_PERMIT, ['xh-gafj', 'yz-gafj', 'lc-gafj'], (ctx) => ({
  guide: guide(ctx, {
    conditions: [
      '离开常住户口所在地，在本地居住半年以上并已办理居住登记',
      '有合法稳定就业、合法稳定住所或者连续就读条件之一',
    ],
    legal: 15,
    promised: 7,
    ...visitsFor(3, 1, '首次申领须本人到场采集人像和指纹信息'),
    places: householdPlaces(ctx),
    audiences: PERSON,
    depth: 3,
    themes: ['household', 'schooling'],
    highFrequency: true,
    result: { name: '浙江省居住证', licenceTypeCode: 'JZZ' },
  }),
  materials: [
    applicationForm('居住证申领登记表'),
    idCard(),
    photo('photo', '本人近期相片', '现场免费采集，或提交近期正面免冠彩色电子相片'),
    material('residence-proof', '居住地住所证明', {
      acceptanceStandard: '房屋租赁合同（已登记）、不动产权证书或单位出具的住宿证明之一，地址在本辖区',
    }),
    shared('employment-proof', '就业或就读证明', '社会保险参保信息或学籍信息', '参保单位或就读学校在本地'),
  ],
  form: form(
    '居住证申领登记表',
    [...PERSON_FIELDS, 'address'],
    {
      residenceSince: { type: 'string', title: '来本地居住日期', format: 'date' },
      basis: { type: 'string', title: '申领条件', enum: ['合法稳定就业', '合法稳定住所', '连续就读'] },
    },
    [...PERSON_REQUIRED, 'address', 'residenceSince', 'basis'],
  ),
  process: flow(7, { production: true }),
  handlingItems: stages('居住证', { new: '首次申领', renewal: '签注' }),
}));

const drivingLicence = implement(BASIC_CODE.DRIVING_LICENCE, ['hz-gaj', 'nb-gaj', 'wz-gaj'], (ctx) => ({
  guide: guide(ctx, {
    conditions: [
      '机动车驾驶证有效期满前九十日内申请换证，或已超过有效期但不满一年',
      '驾驶人身体条件符合驾驶许可条件，且驾驶证未被注销、吊销',
    ],
    ...IMMEDIATE_ZERO_VISIT,
    fee: {
      charged: true,
      standard: '机动车驾驶证工本费 10 元/本',
      basis: '《国家发展改革委 财政部关于公安交通管理收费标准及有关问题的通知》（发改价格〔2004〕2831号）',
    },
    places: [
      hallPlace(ctx, '车驾管服务窗口'),
      place(
        `${ctx.dept.shortName}交通警察支队车辆管理所及各车驾管服务站`,
        `${ctx.region.name}各车驾管服务站（可在交管 12123 App 查询）`,
        '工作日 8:30-17:00；部分服务站周六照常办理（法定节假日除外）',
      ),
    ],
    audiences: PERSON,
    depth: 4,
    themes: ['travel'],
    highFrequency: true,
    crossProvince: true,
    result: { name: '机动车驾驶证', licenceTypeCode: 'JSZ' },
  }),
  materials: [
    idCard(),
    material('driving-licence', '原机动车驾驶证', {
      specification: '网上申请的无需提交，窗口申请的交回原证',
      sourceChannel: 'government_issued',
      licenceTypeCode: 'JSZ',
      acceptanceStandard: '证件与驾驶人信息一致，处于有效期满前九十日内或逾期不满一年',
    }),
    shared(
      'medical-proof',
      '机动车驾驶人身体条件证明',
      '驾驶人体检电子信息（医疗机构）',
      '体检结论合格且在有效期内',
    ),
  ],
  form: form(
    '机动车驾驶证换证申请表',
    [...PERSON_FIELDS, 'address'],
    {
      licenceClass: {
        type: 'string',
        title: '准驾车型',
        enum: ['C1', 'C2', 'B1', 'B2', 'A1', 'A2', 'D', 'E'],
      },
      delivery: { type: 'string', title: '领证方式', enum: ['窗口领取', '邮寄送达'] },
    },
    [...PERSON_REQUIRED, 'licenceClass', 'delivery'],
  ),
  process: onTheSpot('审核并制发新证'),
  handlingItems: stages('机动车驾驶证', { renewal: '有效期满换证', change: '遗失补证' }),
}));

const sealFiling = implement(
  BASIC_CODE.SEAL_FILING,
  ['xh-gafj', 'tl-gaj', 'yz-gafj', 'nh-gaj', 'lc-gafj', 'yj-gaj'],
  (ctx) => ({
    guide: guide(ctx, {
      conditions: ['已依法取得营业执照或其他主体资格证明', '委托经公安机关备案的印章刻制企业刻制印章'],
      ...IMMEDIATE_ZERO_VISIT,
      audiences: ENTERPRISE,
      depth: 4,
      themes: ['establishment'],
      highFrequency: true,
      result: { name: '印章刻制备案信息' },
    }),
    materials: [
      businessLicence(),
      idCard('法定代表人'),
      applicationForm('印章刻制申请表', 'seal-application', {
        fillingNotes:
          '选择需刻制的印章种类（公章、财务专用章、发票专用章、合同专用章、法定代表人名章）和刻制企业',
      }),
      powerOfAttorney(),
    ],
    form: form(
      '印章刻制备案申请表',
      ENTERPRISE_FIELDS,
      {
        sealTypes: {
          type: 'string',
          title: '印章种类',
          enum: ['公章', '财务专用章', '发票专用章', '合同专用章', '法定代表人名章'],
        },
        sealMaker: { type: 'string', title: '刻制企业', maxLength: 100 },
      },
      [...ENTERPRISE_REQUIRED, 'sealTypes'],
    ),
    process: onTheSpot('备案信息核验'),
    handlingItems: stages('印章', {
      new: '刻制备案（新刻）',
      change: '刻制备案（变更后重刻）',
      cancellation: '缴销备案',
    }),
  }),
);

export const publicSecurityEntries: SeedEntry[] = [
  ...birthHukou,
  ...migration,
  ...idCardRenewal,
  ...hukouCancel,
  ...residencePermit,
  ...drivingLicence,
  ...sealFiling,
];
