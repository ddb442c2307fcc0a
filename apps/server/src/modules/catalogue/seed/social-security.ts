/** 人力资源和社会保障、医疗保障: 社保卡, 就业, 养老保险, 医保. */
import type { BasicItem } from '../catalogue.model.js';
import type { SeedEntry } from '../catalogue.seed-types.js';
import { BASIC_CODE } from './basic-codes.js';
import {
  ENTERPRISE,
  flow,
  guide,
  IMMEDIATE_ZERO_VISIT,
  implement,
  law,
  onTheSpot,
  PERSON,
  place,
  stages,
} from './common.js';
import {
  BANK_FIELDS,
  DECEASED_FIELDS,
  ENTERPRISE_PREMISES_FIELDS,
  ENTERPRISE_REQUIRED,
  form,
  PERSON_FIELDS,
  PERSON_REQUIRED,
} from './shared-forms.js';
import {
  applicationForm,
  birthCertificate,
  businessLicence,
  eLicence,
  householdRegister,
  idCard,
  material,
  photo,
  powerOfAttorney,
  shared,
} from './shared-materials.js';

const INSURANCE_LAW = '《中华人民共和国社会保险法》';

const pensionArticle16 = law(
  INSURANCE_LAW,
  '第十六条',
  '参加基本养老保险的个人，达到法定退休年龄时累计缴费满十五年的，按月领取基本养老金；累计缴费不足十五年的，可以缴费至满十五年，按月领取基本养老金，也可以转入新型农村社会养老保险或者城镇居民社会养老保险，按照国务院规定享受相应的养老保险待遇。',
);

export const socialSecurityItems: BasicItem[] = [
  {
    basicCode: BASIC_CODE.SOCIAL_CARD,
    name: '社会保障卡申领',
    type: 'public_service',
    competentSector: 'human_resources',
    implementingSector: 'human_resources',
    levels: ['city'],
    legalBasis: [
      law(
        INSURANCE_LAW,
        '第五十八条',
        '用人单位应当自用工之日起三十日内为职工申请办理社会保险登记；国家建立全国统一的个人社会保障号码，个人社会保障号码为公民身份号码。',
      ),
    ],
    aliases: ['社保卡', '办社保卡', '社保卡补办', '电子社保卡', '市民卡', '新生儿社保卡'],
  },
  {
    basicCode: BASIC_CODE.UNEMPLOYMENT,
    name: '失业登记',
    type: 'public_service',
    competentSector: 'human_resources',
    implementingSector: 'human_resources',
    levels: ['county'],
    legalBasis: [
      law(
        INSURANCE_LAW,
        '第五十条',
        '用人单位应当及时为失业人员出具终止或者解除劳动关系的证明，并将失业人员名单自终止或解除劳动关系之日起十五日内告知社会保险经办机构；失业人员应当持该证明及时到指定的公共就业服务机构办理失业登记。',
      ),
    ],
    aliases: ['失业证', '登记失业', '失业金', '就业创业证', '失业了怎么办'],
  },
  {
    basicCode: BASIC_CODE.FLEXIBLE,
    name: '灵活就业人员参保登记',
    type: 'public_service',
    competentSector: 'human_resources',
    implementingSector: 'human_resources',
    levels: ['county'],
    legalBasis: [
      law(
        INSURANCE_LAW,
        '第十条',
        '职工应当参加基本养老保险，由用人单位和职工共同缴费；无雇工的个体工商户、未在用人单位参加基本养老保险的非全日制从业人员以及其他灵活就业人员可以参加基本养老保险，由个人缴费。',
      ),
    ],
    aliases: ['个人交社保', '自由职业社保', '灵活就业社保', '个体户交社保', '自己交养老保险'],
  },
  {
    basicCode: BASIC_CODE.RETIREMENT,
    name: '职工基本养老保险待遇核定（退休申请）',
    type: 'public_service',
    competentSector: 'human_resources',
    implementingSector: 'human_resources',
    levels: ['city', 'county'],
    legalBasis: [pensionArticle16],
    aliases: ['办退休', '退休手续', '退休申请', '养老金申领', '领养老金', '退休一件事'],
  },
  {
    basicCode: BASIC_CODE.QUALIFICATION,
    name: '领取养老金人员待遇资格认证',
    type: 'public_service',
    competentSector: 'human_resources',
    implementingSector: 'human_resources',
    levels: ['county'],
    legalBasis: [pensionArticle16],
    aliases: ['养老金认证', '生存认证', '退休认证', '刷脸认证', '待遇资格确认', '养老金领取资格认证'],
  },
  {
    basicCode: BASIC_CODE.FUNERAL,
    name: '丧葬补助金、抚恤金申领',
    type: 'public_service',
    competentSector: 'human_resources',
    implementingSector: 'human_resources',
    levels: ['county'],
    legalBasis: [
      law(
        INSURANCE_LAW,
        '第十七条',
        '参加基本养老保险的个人因病或者非因工死亡的，其遗属可以领取丧葬补助金和抚恤金；在未达到法定退休年龄时因病或者非因工致残完全丧失劳动能力的，可以领取病残津贴，所需资金从基本养老保险基金中支付。',
      ),
    ],
    aliases: ['丧葬费', '抚恤金', '死亡待遇', '遗属待遇', '身后事'],
  },
  {
    basicCode: BASIC_CODE.EMPLOYER_REGISTRATION,
    name: '单位参保登记',
    type: 'public_service',
    competentSector: 'human_resources',
    implementingSector: 'human_resources',
    levels: ['county'],
    legalBasis: [
      law(
        INSURANCE_LAW,
        '第五十七条',
        '用人单位应当自成立之日起三十日内凭营业执照、登记证书或者单位印章，向当地社会保险经办机构申请办理社会保险登记；经办机构应当自收到申请之日起十五日内予以审核，发给社会保险登记证件。',
      ),
    ],
    aliases: ['社保开户', '企业社保登记', '单位社保开户', '社会保险登记', '给员工交社保'],
  },
  {
    basicCode: BASIC_CODE.RESIDENT_PENSION,
    name: '城乡居民基本养老保险参保登记',
    type: 'public_service',
    competentSector: 'human_resources',
    implementingSector: 'service_centre',
    levels: ['township'],
    legalBasis: [
      law(
        INSURANCE_LAW,
        '第二十条',
        '国家建立和完善新型农村社会养老保险制度，新型农村社会养老保险实行个人缴费、集体补助和政府补贴相结合。',
      ),
      law(
        INSURANCE_LAW,
        '第二十二条',
        '国家建立和完善城镇居民社会养老保险制度；省级人民政府根据实际情况，可以将城镇居民社会养老保险和新型农村社会养老保险合并实施。',
      ),
    ],
    aliases: ['城乡居民养老保险', '居民养老保险', '农村养老保险', '居民社保', '老农保'],
  },
  {
    basicCode: BASIC_CODE.RESIDENT_MEDICAL,
    name: '城乡居民基本医疗保险参保登记',
    type: 'public_service',
    competentSector: 'medical_security',
    implementingSector: 'medical_security',
    levels: ['county'],
    legalBasis: [
      law(
        INSURANCE_LAW,
        '第二十五条',
        '国家建立和完善城镇居民基本医疗保险制度，实行个人缴费和政府补贴相结合；享受最低生活保障的人、丧失劳动能力的残疾人、低收入家庭六十周岁以上的老年人和未成年人等所需个人缴费部分，由政府给予补贴。',
      ),
    ],
    aliases: ['居民医保', '新生儿医保', '交医保', '城乡医保', '学生医保', '农村医保'],
  },
  {
    basicCode: BASIC_CODE.MEDICAL_TRANSFER,
    name: '基本医疗保险关系转移接续',
    type: 'public_service',
    competentSector: 'medical_security',
    implementingSector: 'medical_security',
    levels: ['city', 'county'],
    legalBasis: [
      law(
        INSURANCE_LAW,
        '第三十二条',
        '个人跨统筹地区就业的，其基本医疗保险关系随本人转移，缴费年限累计计算。',
      ),
    ],
    aliases: ['医保转移', '医保转入', '医保转出', '异地医保转移', '医保关系转移'],
  },
  {
    basicCode: BASIC_CODE.RETIREE_MEDICAL,
    name: '职工医保退休人员待遇核定',
    type: 'public_service',
    competentSector: 'medical_security',
    implementingSector: 'medical_security',
    levels: ['county'],
    legalBasis: [
      law(
        INSURANCE_LAW,
        '第二十七条',
        '参加职工基本医疗保险的个人，达到法定退休年龄时累计缴费达到国家规定年限的，退休后不再缴纳基本医疗保险费，按照国家规定享受基本医疗保险待遇；未达到国家规定年限的，可以缴费至国家规定年限。',
      ),
    ],
    aliases: ['退休医保', '医保退休待遇', '医保缴费年限核定', '退休后医保', '医保补缴'],
  },
];

const socialCard = implement(
  BASIC_CODE.SOCIAL_CARD,
  [['hz-rlsb', { promised: 5 }], 'nb-rlsb', 'wz-rlsb'],
  (ctx) => {
    const promised = ctx.variant.promised ?? 10;
    return {
      guide: guide(ctx, {
        conditions: [
          '在本市参加社会保险或户籍在本市的人员（含新生儿）',
          '未持有本市有效社会保障卡，或原卡遗失、损坏需要补换',
        ],
        legal: 20,
        promised,
        visits: 0,
        places: [
          place(
            `${ctx.region.name}社会保障卡服务网点（合作银行营业网点）`,
            `${ctx.region.hall}人力社保窗口及各合作银行网点（${ctx.region.address}）`,
            ctx.region.hours,
          ),
        ],
        audiences: PERSON,
        depth: 4,
        themes: ['social_security', 'birth'],
        highFrequency: true,
        crossProvince: true,
        result: { name: '社会保障卡', licenceTypeCode: 'SHBZK' },
      }),
      materials: [
        idCard('持卡人', 'id-card', {
          fillingNotes: '新生儿未办理居民身份证的，以户口簿（HKB 电子证照）代替',
        }),
        photo('photo', '本人近期相片', '近期正面免冠彩色电子相片，可授权调用公安人像照片'),
        householdRegister({
          necessity: 'conditional',
          condition: '为未满十六周岁且未办理身份证的儿童申领的',
        }),
        powerOfAttorney(),
      ],
      form: form(
        '社会保障卡申领表',
        [...PERSON_FIELDS, 'address', 'childName', 'childBirthDate', 'bankName'],
        {
          delivery: { type: 'string', title: '领卡方式', enum: ['网点领取', '邮寄送达'] },
        },
        [...PERSON_REQUIRED, 'delivery'],
      ),
      process: flow(promised, { production: true, reviewName: '信息核验及制卡' }),
      handlingItems: stages('社会保障卡', {
        new: '首次申领',
        renewal: '补领',
        change: '换领',
        cancellation: '注销',
      }),
    };
  },
);

const unemployment = implement(
  BASIC_CODE.UNEMPLOYMENT,
  ['xh-rlsb', 'tl-rlsb', 'yz-rlsb', 'nh-rlsb', 'lc-rlsb'],
  (ctx) => ({
    guide: guide(ctx, {
      conditions: [
        '在法定劳动年龄内，有劳动能力和就业要求，处于无业状态',
        '在常住地（户籍地、经常居住地或参保地）申请，与原单位已终止或解除劳动关系',
      ],
      ...IMMEDIATE_ZERO_VISIT,
      audiences: PERSON,
      depth: 4,
      themes: ['employment'],
      highFrequency: true,
      crossProvince: true,
      result: { name: '就业创业证（失业登记）', licenceTypeCode: 'JYCYZ' },
    }),
    materials: [
      idCard(),
      shared(
        'labour-termination',
        '终止或者解除劳动关系证明',
        '用工备案（劳动关系终止）信息',
        '用工备案信息显示劳动关系已终止；无备案信息的由申请人书面承诺',
      ),
    ],
    form: form(
      '失业登记表',
      [...PERSON_FIELDS, 'address'],
      {
        lastEmployer: { type: 'string', title: '原工作单位', maxLength: 100 },
        terminationDate: { type: 'string', title: '劳动关系终止日期', format: 'date' },
        jobIntention: { type: 'string', title: '求职意向', maxLength: 200 },
      },
      [...PERSON_REQUIRED, 'address'],
    ),
    process: onTheSpot('核验并即时登记'),
    handlingItems: stages('失业登记', { new: '', cancellation: '注销' }),
  }),
);

const flexible = implement(
  BASIC_CODE.FLEXIBLE,
  ['xh-rlsb', 'tl-rlsb', 'yz-rlsb', 'lc-rlsb', 'yj-rlsb'],
  (ctx) => ({
    guide: guide(ctx, {
      conditions: [
        '年满十六周岁、未达到法定退休年龄，无雇工的个体工商户、非全日制从业人员或其他灵活就业人员',
        '户籍在本地，或者持本地居住证；未在用人单位参加职工基本养老保险',
      ],
      ...IMMEDIATE_ZERO_VISIT,
      audiences: PERSON,
      depth: 4,
      themes: ['social_security', 'employment'],
      highFrequency: true,
      result: { name: '参保登记信息（可在社保个人权益记录中查询）' },
    }),
    materials: [
      idCard(),
      shared('residence', '户籍或居住证信息', '常住人口户籍信息及居住证信息', '户籍或居住证登记地在本地'),
    ],
    form: form(
      '灵活就业人员参保登记表',
      [...PERSON_FIELDS, 'address', 'bankAccount'],
      {
        contributionBase: {
          type: 'string',
          title: '缴费基数档次',
          enum: ['上年度全省全口径平均工资的 60%', '80%', '100%', '200%', '300%'],
        },
        includeMedical: { type: 'boolean', title: '同时参加职工基本医疗保险' },
      },
      [...PERSON_REQUIRED, 'contributionBase'],
    ),
    process: onTheSpot('核验并即时登记'),
    handlingItems: stages('灵活就业人员', { new: '参保登记', cancellation: '停保' }),
  }),
);

const retirement = implement(
  BASIC_CODE.RETIREMENT,
  ['hz-rlsb', 'xh-rlsb', ['tl-rlsb', { promised: 10 }], 'yz-rlsb', 'lc-rlsb'],
  (ctx) => {
    const promised = ctx.variant.promised ?? 5;
    return {
      guide: guide(ctx, {
        conditions: [
          '参加职工基本养老保险，达到法定退休年龄（含按规定弹性提前或延迟退休）',
          '累计缴费满国家规定的最低缴费年限；不足的可以按规定延长缴费',
          '出生时间以居民身份证为准，与人事档案记载不一致的按规定认定',
        ],
        legal: 20,
        promised,
        visits: 0,
        audiences: PERSON,
        depth: 4,
        themes: ['retirement', 'social_security'],
        highFrequency: true,
        result: { name: '职工基本养老保险待遇核定通知' },
      }),
      materials: [
        applicationForm('职工基本养老保险待遇申领表'),
        idCard(),
        shared(
          'contribution-record',
          '养老保险参保缴费记录',
          '职工基本养老保险个人权益记录',
          '缴费年限累计满最低年限',
        ),
        material('personnel-file', '人事档案（出生时间、视同缴费年限认定依据）', {
          forms: ['paper'],
          necessity: 'conditional',
          condition: '有视同缴费年限或出生时间需要以档案认定的，由档案保管机构报送',
          specification: '原件，由档案保管机构密封报送',
          acceptanceStandard: '档案完整，出生时间及工作经历记载清楚',
        }),
        material('special-job-proof', '特殊工种提前退休审批材料', {
          necessity: 'conditional',
          condition: '申请特殊工种提前退休的',
          acceptanceStandard: '从事特殊工种的年限符合规定，有原始记录佐证',
        }),
        eLicence('social-card', '社会保障卡（已启用金融功能）', 'SHBZK', '金融账户状态正常，用于发放养老金', {
          specification: '原件核验；已关联电子社保卡的免提交',
        }),
      ],
      form: form(
        '职工基本养老保险待遇申领表',
        [...PERSON_FIELDS, 'address', 'retirementDate'],
        {
          retirementType: {
            type: 'string',
            title: '退休类别',
            enum: ['正常退休', '弹性提前退休', '特殊工种提前退休', '因病提前退休'],
          },
          employer: { type: 'string', title: '参保单位', maxLength: 100 },
        },
        [...PERSON_REQUIRED, 'retirementDate', 'retirementType'],
      ),
      process: flow(promised, { reviewName: '待遇测算及复核' }),
      handlingItems: [{ name: '职工基本养老保险待遇核定', kind: 'new' }],
    };
  },
);

const qualification = implement(
  BASIC_CODE.QUALIFICATION,
  ['xh-rlsb', 'tl-rlsb', 'yz-rlsb', 'nh-rlsb', 'lc-rlsb', 'yj-rlsb'],
  (ctx) => ({
    guide: guide(ctx, {
      conditions: [
        '在本地按月领取基本养老金的退休人员（含居住在外地、境外的人员）',
        '以大数据比对为主；比对无法确认的，每个认证周期内通过手机“刷脸”或上门服务认证一次',
      ],
      ...IMMEDIATE_ZERO_VISIT,
      audiences: PERSON,
      depth: 4,
      themes: ['retirement', 'social_security'],
      highFrequency: true,
      crossProvince: true,
      result: { name: '待遇领取资格认证结果' },
    }),
    materials: [
      idCard('待遇领取人'),
      photo('face', '人脸识别影像', '在浙里办或电子社保卡中实时采集，无需另行提交照片'),
    ],
    form: form('养老金领取资格认证', PERSON_FIELDS, {}, ['applicantName', 'idNumber']),
    process: onTheSpot('人脸比对并即时确认'),
    handlingItems: [{ name: '领取养老金人员待遇资格认证', kind: 'renewal' }],
  }),
);

const funeral = implement(
  BASIC_CODE.FUNERAL,
  ['xh-rlsb', 'tl-rlsb', ['yz-rlsb', { promised: 3 }], 'lc-rlsb'],
  (ctx) => {
    const promised = ctx.variant.promised ?? 5;
    return {
      guide: guide(ctx, {
        conditions: [
          '参加职工基本养老保险的人员（含退休人员）因病或者非因工死亡',
          '由其直系亲属或者指定的遗属提出申请，申领人之间无争议',
        ],
        legal: 20,
        promised,
        visits: 0,
        audiences: PERSON,
        depth: 4,
        themes: ['after_death', 'social_security'],
        result: { name: '丧葬补助金、抚恤金核定结果' },
      }),
      materials: [
        applicationForm('丧葬补助金、抚恤金申领表'),
        idCard(),
        shared(
          'death-info',
          '参保人员死亡信息',
          '居民死亡信息（公安户籍、殡葬火化）',
          '死亡时间、原因与申领一致',
        ),
        householdRegister({
          name: '亲属关系证明（居民户口簿等）',
          necessity: 'conditional',
          condition: '通过数据共享无法核验申请人与逝者亲属关系的',
        }),
        powerOfAttorney(),
      ],
      form: form(
        '丧葬补助金、抚恤金申领表',
        [...PERSON_FIELDS, ...DECEASED_FIELDS, ...BANK_FIELDS],
        {
          relation: { type: 'string', title: '与逝者关系', enum: ['配偶', '子女', '父母', '其他亲属'] },
        },
        [...PERSON_REQUIRED, ...DECEASED_FIELDS, 'bankAccount', 'relation'],
      ),
      process: flow(promised),
      handlingItems: [{ name: '丧葬补助金、抚恤金申领', kind: 'new' }],
    };
  },
);

const employerRegistration = implement(
  BASIC_CODE.EMPLOYER_REGISTRATION,
  ['xh-rlsb', 'tl-rlsb', 'yz-rlsb', 'nh-rlsb', 'lc-rlsb', 'yj-rlsb'],
  (ctx) => ({
    guide: guide(ctx, {
      conditions: ['在本地依法登记的企业、个体经济组织等用人单位，自成立之日起三十日内申请'],
      legal: 15,
      promised: 'immediate',
      visits: 0,
      audiences: ENTERPRISE,
      depth: 4,
      themes: ['establishment', 'social_security'],
      highFrequency: true,
      result: { name: '单位社会保险登记信息' },
    }),
    materials: [
      businessLicence(),
      applicationForm('单位社会保险登记表', 'application-form', {
        fillingNotes: '企业开办时已在一件事申请中填写的信息自动带入',
      }),
    ],
    form: form(
      '单位参保登记表',
      [...ENTERPRISE_PREMISES_FIELDS, ...BANK_FIELDS],
      {
        employees: { type: 'integer', title: '参保职工人数', minimum: 0 },
        insuranceTypes: {
          type: 'string',
          title: '参保险种',
          enum: ['养老、工伤、失业、医疗（含生育）', '工伤（单项参保）'],
        },
      },
      [...ENTERPRISE_REQUIRED, 'insuranceTypes'],
    ),
    process: onTheSpot('核验并即时登记'),
    handlingItems: stages('单位参保', { new: '登记', change: '信息变更', cancellation: '注销' }),
  }),
);

const residentPension = implement(
  BASIC_CODE.RESIDENT_PENSION,
  ['xh-bs-bmfw', 'xh-sd-bmfw', 'yz-sn-bmfw', 'lc-wm-bmfw'],
  (ctx) => ({
    guide: guide(ctx, {
      conditions: [
        '年满十六周岁（不含在校学生），非国家机关和事业单位工作人员',
        '未参加职工基本养老保险，户籍在本街道（镇）',
      ],
      ...IMMEDIATE_ZERO_VISIT,
      places: [place(`${ctx.region.hall}社保综合窗口`, ctx.region.address, ctx.region.hours)],
      audiences: PERSON,
      depth: 4,
      themes: ['social_security', 'retirement'],
      result: { name: '城乡居民基本养老保险参保信息' },
    }),
    materials: [
      idCard(),
      householdRegister({ necessity: 'conditional', condition: '户籍信息无法通过共享核验的' }),
    ],
    form: form(
      '城乡居民基本养老保险参保登记表',
      [...PERSON_FIELDS, 'address'],
      {
        contributionGrade: {
          type: 'string',
          title: '缴费档次（元/年）',
          enum: ['300', '500', '800', '1000', '2000', '3000', '5000'],
        },
      },
      [...PERSON_REQUIRED, 'contributionGrade'],
    ),
    process: onTheSpot('核验并即时登记'),
    handlingItems: [{ name: '城乡居民基本养老保险参保登记', kind: 'new' }],
  }),
);

const residentMedical = implement(
  BASIC_CODE.RESIDENT_MEDICAL,
  ['xh-ybj', 'tl-ybj', 'yz-ybj', 'nh-ybj', 'lc-ybj', 'yj-ybj'],
  (ctx) => ({
    guide: guide(ctx, {
      conditions: [
        '未参加职工基本医疗保险的本地户籍居民或持本地居住证的人员，含新生儿和在校学生',
        '新生儿可凭出生医学证明在出生后参保，出生当年参保缴费的，自出生之日起享受待遇',
      ],
      ...IMMEDIATE_ZERO_VISIT,
      audiences: PERSON,
      depth: 4,
      themes: ['medical', 'birth', 'social_security'],
      highFrequency: true,
      result: { name: '城乡居民基本医疗保险参保信息' },
    }),
    materials: [
      idCard('参保人（或监护人）'),
      birthCertificate('新生儿信息与申报一致', {
        necessity: 'conditional',
        condition: '为尚未办理户口登记的新生儿参保的',
      }),
    ],
    form: form(
      '城乡居民基本医疗保险参保登记表',
      [...PERSON_FIELDS, 'address', 'childName', 'childBirthDate'],
      {
        insuredRelation: {
          type: 'string',
          title: '参保人与申请人关系',
          enum: ['本人', '子女', '父母', '配偶'],
        },
      },
      [...PERSON_REQUIRED, 'insuredRelation'],
    ),
    process: onTheSpot('核验并即时参保'),
    handlingItems: stages('城乡居民基本医疗保险', { new: '参保登记', cancellation: '停保' }),
  }),
);

const medicalTransfer = implement(
  BASIC_CODE.MEDICAL_TRANSFER,
  ['hz-ybj', 'nb-ybj', 'xh-ybj', 'lc-ybj'],
  (ctx) => ({
    guide: guide(ctx, {
      conditions: [
        '参加基本医疗保险的人员跨统筹地区流动就业，已在转入地参保',
        '转出地医保关系已中止参保，不存在重复参保缴费',
      ],
      legal: 15,
      promised: 10,
      visits: 0,
      audiences: PERSON,
      depth: 4,
      themes: ['medical', 'social_security'],
      highFrequency: true,
      crossProvince: true,
      result: { name: '基本医疗保险参保（合）凭证及转移接续结果' },
    }),
    materials: [
      idCard(),
      shared(
        'transfer-voucher',
        '基本医疗保险参保（合）凭证',
        '全国医保信息平台转移接续信息',
        '转出地已生成电子参保凭证',
      ),
    ],
    form: form(
      '基本医疗保险关系转移接续申请表',
      PERSON_FIELDS,
      {
        transferDirection: { type: 'string', title: '办理类型', enum: ['转入本地', '转出本地'] },
        otherRegion: { type: 'string', title: '转出（转入）地统筹区', maxLength: 100 },
      },
      [...PERSON_REQUIRED, 'transferDirection', 'otherRegion'],
    ),
    process: flow(10, { reviewName: '联系函核对及信息接续' }),
    handlingItems: [
      { name: '基本医疗保险关系转入', kind: 'change' },
      { name: '基本医疗保险关系转出', kind: 'change' },
    ],
  }),
);

const retireeMedical = implement(
  BASIC_CODE.RETIREE_MEDICAL,
  ['xh-ybj', 'tl-ybj', 'yz-ybj', 'lc-ybj'],
  (ctx) => ({
    guide: guide(ctx, {
      conditions: [
        '参加本地职工基本医疗保险，已办理职工基本养老保险待遇核定（退休）',
        '职工医保累计缴费年限及本地实际缴费年限达到规定；不足的可一次性补缴',
      ],
      legal: 20,
      promised: 5,
      visits: 0,
      audiences: PERSON,
      depth: 4,
      themes: ['retirement', 'medical'],
      result: { name: '职工医保退休人员待遇核定结果' },
    }),
    materials: [
      idCard(),
      shared(
        'retirement-info',
        '退休（养老保险待遇核定）信息',
        '职工基本养老保险待遇领取信息',
        '已核定退休且退休日期明确',
      ),
      shared(
        'medical-contribution',
        '职工医保缴费年限记录',
        '职工基本医疗保险个人参保缴费信息',
        '缴费年限计算准确',
      ),
    ],
    form: form(
      '职工医保退休人员待遇核定申请表',
      [...PERSON_FIELDS, 'retirementDate'],
      {
        topUp: { type: 'boolean', title: '缴费年限不足时是否一次性补缴' },
      },
      [...PERSON_REQUIRED, 'retirementDate'],
    ),
    process: flow(5, { reviewName: '缴费年限核定' }),
    handlingItems: [{ name: '职工医保退休人员待遇核定', kind: 'new' }],
  }),
);

export const socialSecurityEntries: SeedEntry[] = [
  ...socialCard,
  ...unemployment,
  ...flexible,
  ...retirement,
  ...qualification,
  ...funeral,
  ...employerRegistration,
  ...residentPension,
  ...residentMedical,
  ...medicalTransfer,
  ...retireeMedical,
];
