/** 卫生健康: 医疗机构执业登记, 生育登记, 出生医学证明, 预防接种证, 从业人员健康检查. */
import type { BasicItem } from '../catalogue.model.js';
import type { SeedEntry } from '../catalogue.seed-types.js';
import { BASIC_CODE } from './basic-codes.js';
import {
  ENTERPRISE,
  flow,
  guide,
  IMMEDIATE_ZERO_VISIT,
  implement,
  LICENCE_STAGES,
  law,
  onTheSpot,
  PERSON,
  place,
  stages,
  visitsFor,
} from './common.js';
import {
  ENTERPRISE_PREMISES_FIELDS,
  form,
  NEWBORN_FIELDS,
  PERSON_FIELDS,
  PERSON_REQUIRED,
} from './shared-forms.js';
import {
  applicationForm,
  birthCertificate,
  businessLicence,
  idCard,
  marriageCertificate,
  material,
  powerOfAttorney,
  shared,
} from './shared-materials.js';

export const healthItems: BasicItem[] = [
  {
    basicCode: BASIC_CODE.MEDICAL_INSTITUTION,
    name: '医疗机构执业登记',
    type: 'licensing',
    competentSector: 'health',
    implementingSector: 'health',
    levels: ['city', 'county'],
    legalBasis: [
      law(
        '《医疗机构管理条例》',
        '第十五条',
        '医疗机构执业，必须进行登记，领取《医疗机构执业许可证》；诊所按照国务院卫生行政部门的规定向所在地县级卫生行政部门备案后，可以执业。',
      ),
      law(
        '《医疗机构管理条例》',
        '第十七条',
        '县级以上地方人民政府卫生行政部门自受理执业登记申请之日起 45 日内，依照条例和医疗机构基本标准进行审核；审核合格的予以登记，发给《医疗机构执业许可证》，不合格的书面通知申请人。',
      ),
      law(
        '《中华人民共和国基本医疗卫生与健康促进法》',
        '第三十八条',
        '举办医疗机构，应当具备与其服务相适应的场所、设施、设备和专业人员，以及保证医疗质量和安全的规章制度，并按照国家有关规定办理审批或者备案手续。',
      ),
    ],
    aliases: ['医疗机构执业许可证', '开诊所', '开门诊部', '开医院', '医疗机构校验'],
  },
  {
    basicCode: BASIC_CODE.BIRTH_REGISTRATION,
    name: '生育登记',
    type: 'public_service',
    competentSector: 'health',
    implementingSector: 'health',
    levels: ['county'],
    legalBasis: [
      law(
        '《中华人民共和国人口与计划生育法》',
        '第十八条',
        '国家提倡适龄婚育、优生优育，一对夫妻可以生育三个子女；符合法律、法规规定条件的，可以要求安排再生育子女，具体办法由省级人大或者其常委会规定。',
      ),
    ],
    aliases: ['准生证', '生育服务登记', '生育服务证', '怀孕登记', '二孩登记', '三孩登记'],
  },
  {
    basicCode: BASIC_CODE.BIRTH_CERTIFICATE,
    name: '出生医学证明办理',
    type: 'public_service',
    competentSector: 'health',
    implementingSector: 'health',
    levels: ['county'],
    legalBasis: [
      law(
        '《中华人民共和国母婴保健法》',
        '第二十三条',
        '医疗保健机构和从事家庭接生的人员按照国务院卫生行政部门的规定，出具统一制发的新生儿出生医学证明；发生孕产妇死亡、婴儿死亡以及新生儿出生缺陷情况的，应当向卫生行政部门报告。',
      ),
    ],
    aliases: ['出生证', '出生证明', '办出生证', '新生儿出生证明', '出生医学证明补发'],
  },
  {
    basicCode: BASIC_CODE.VACCINATION_CARD,
    name: '预防接种证办理',
    type: 'public_service',
    competentSector: 'health',
    implementingSector: 'health',
    levels: ['county'],
    legalBasis: [
      law(
        '《中华人民共和国疫苗管理法》',
        '第四十七条',
        '国家对儿童实行预防接种证制度。儿童出生后一个月内，其监护人应当到儿童居住地承担预防接种工作的接种单位或者出生医院为其办理预防接种证；接种单位或者出生医院不得拒绝办理。',
      ),
    ],
    aliases: ['接种证', '疫苗本', '打疫苗', '新生儿接种证', '预防接种本'],
  },
  {
    basicCode: BASIC_CODE.HEALTH_CHECK,
    name: '食品从业人员健康检查',
    type: 'public_service',
    competentSector: 'health',
    implementingSector: 'health',
    levels: ['county'],
    legalBasis: [
      law(
        '《中华人民共和国食品安全法》',
        '第四十五条',
        '食品生产经营者应当建立并执行从业人员健康管理制度。患有有碍食品安全疾病的人员不得从事接触直接入口食品的工作；从事接触直接入口食品工作的从业人员应当每年进行健康检查，取得健康证明后方可上岗。',
      ),
    ],
    aliases: ['健康证', '办健康证', '食品健康证', '从业人员体检', '餐饮健康证'],
  },
];

const medicalInstitution = implement(
  BASIC_CODE.MEDICAL_INSTITUTION,
  [['hz-wsjk', { promised: 20 }], ['wz-wsjk', { promised: 20 }], 'xh-wsjk', 'tl-wsjk', 'yz-wsjk'],
  (ctx) => {
    const promised = ctx.variant.promised ?? 15;
    return {
      guide: guide(ctx, {
        conditions: [
          '按规定需取得设置医疗机构批准书的，已取得批准书；其他医疗机构已依法取得主体资格',
          '符合医疗机构基本标准，有适合的名称、组织机构和场所',
          '有与其开展的业务相适应的经费、设施、设备和专业卫生技术人员',
          '有相应的规章制度，能够独立承担民事责任',
        ],
        legal: 45,
        promised,
        ...visitsFor(3, 1, '现场审核前须到窗口核验设置批准书、人员执业证书等材料原件'),
        audiences: ENTERPRISE,
        depth: 3,
        themes: ['operation', 'medical'],
        special: [
          {
            name: '现场审核',
            description:
              '组织人员对执业场所、设施设备、人员配备和规章制度进行现场审核，审核时间不计入承诺时限',
            maxWorkingDays: 10,
          },
          {
            name: '专家评审',
            description: '开展限制类医疗技术或设置床位的，组织专家评审，所需时间不计入办理时限',
          },
        ],
        result: { name: '医疗机构执业许可证', licenceTypeCode: 'YLJGZYXKZ' },
      }),
      materials: [
        applicationForm('医疗机构申请执业登记注册书'),
        material('setup-approval', '设置医疗机构批准书', {
          necessity: 'conditional',
          condition: '按规定须办理设置审批的医疗机构',
          acceptanceStandard: '在有效期内，设置人、名称、地址与申请一致',
        }),
        businessLicence({
          necessity: 'conditional',
          condition: '以营利性医疗机构申请、已办理市场主体登记的',
        }),
        idCard('法定代表人（主要负责人）'),
        material('premises-proof', '执业场所产权证明或者使用证明及建筑平面图', {
          acceptanceStandard: '使用期限不少于一年，平面图标明诊疗科室布局及面积',
        }),
        shared(
          'staff-licences',
          '医务人员执业资格及注册信息',
          '医师、护士执业注册信息',
          '执业地点已注册或变更至本机构',
        ),
        material('rules', '医疗机构规章制度及医疗废物处置协议', {
          necessity: 'deferrable',
          deferralWorkingDays: 10,
          acceptanceStandard: '制度覆盖医疗质量安全核心制度，医疗废物处置单位具备资质',
        }),
        powerOfAttorney(),
      ],
      form: form(
        '医疗机构执业登记申请表',
        ENTERPRISE_PREMISES_FIELDS,
        {
          institutionCategory: {
            type: 'string',
            title: '医疗机构类别',
            enum: ['综合医院', '专科医院', '门诊部', '诊所', '卫生院', '社区卫生服务中心'],
          },
          ownership: { type: 'string', title: '经营性质', enum: ['非营利性', '营利性'] },
          beds: { type: 'integer', title: '床位数', minimum: 0 },
          clinicalDepartments: { type: 'string', title: '诊疗科目', maxLength: 1000 },
        },
        [
          'enterpriseName',
          'legalRepresentative',
          'mobile',
          'businessAddress',
          'institutionCategory',
          'clinicalDepartments',
        ],
      ),
      process: flow(promised, { production: true, preliminary: true, reviewName: '技术审查及现场审核' }),
      handlingItems: stages('医疗机构执业', {
        new: `登记${LICENCE_STAGES.new}`,
        change: `登记${LICENCE_STAGES.change}`,
        renewal: '许可证校验',
        cancellation: `登记${LICENCE_STAGES.cancellation}`,
      }),
    };
  },
);

const birthRegistration = implement(
  BASIC_CODE.BIRTH_REGISTRATION,
  ['xh-wsjk', 'tl-wsjk', 'yz-wsjk', 'lc-wsjk', 'yj-wsjk'],
  (ctx) => ({
    guide: guide(ctx, {
      conditions: [
        '夫妻双方或一方户籍在本地，或者在本地居住并持有有效居住证',
        '已依法办理结婚登记；生育登记可在孕前或孕期办理，也可在子女出生后补办',
      ],
      ...IMMEDIATE_ZERO_VISIT,
      audiences: PERSON,
      depth: 4,
      themes: ['birth'],
      highFrequency: true,
      result: { name: '生育登记服务凭证（电子）' },
    }),
    materials: [
      idCard('夫妻双方'),
      marriageCertificate(
        '结婚证',
        '原件核验；已关联电子证照或可共享婚姻登记信息的免提交',
        '结婚证真实有效，持证人与申请人一致',
      ),
      shared('household-info', '夫妻双方户籍信息', '常住人口户籍信息', '户籍或居住证信息表明属本地登记范围'),
    ],
    form: form(
      '生育登记表',
      [...PERSON_FIELDS, 'address'],
      {
        spouseName: { type: 'string', title: '配偶姓名', maxLength: 50 },
        spouseIdNumber: { type: 'string', title: '配偶公民身份号码', format: 'citizen-id' },
        childOrder: { type: 'string', title: '本次登记生育子女孩次', enum: ['一孩', '二孩', '三孩'] },
        expectedDate: { type: 'string', title: '预产期或出生日期', format: 'date' },
      },
      [...PERSON_REQUIRED, 'spouseName', 'spouseIdNumber', 'childOrder'],
    ),
    process: onTheSpot('信息核验并即时登记'),
    handlingItems: [{ name: '生育登记', kind: 'new' }],
  }),
);

const birthCertificateIssuing = implement(
  BASIC_CODE.BIRTH_CERTIFICATE,
  ['xh-wsjk', 'tl-wsjk', 'yz-wsjk', 'nh-wsjk', 'lc-wsjk'],
  (ctx) => ({
    guide: guide(ctx, {
      conditions: [
        '新生儿在本辖区依法取得助产技术服务资质的医疗机构内出生',
        '由新生儿父母或其他监护人申请，并提供真实的新生儿及父母身份信息',
      ],
      legal: 10,
      promised: 'immediate',
      forms: ['online', 'window'],
      visits: 1,
      visitReason: '出生医学证明为纸质证件，须监护人在新生儿出院前到助产机构签发点核对信息后签收',
      morePlaces: [
        place(
          `${ctx.region.name}辖区各助产医疗机构出生医学证明签发点`,
          `${ctx.region.name}各助产医疗机构住院部或产科护士站`,
          '工作日 8:00-11:30, 13:30-17:00（法定节假日除外）',
        ),
      ],
      audiences: PERSON,
      depth: 3,
      themes: ['birth'],
      highFrequency: true,
      result: { name: '出生医学证明', licenceTypeCode: 'CSYXZM' },
    }),
    materials: [
      applicationForm('出生医学证明首次签发登记表'),
      idCard('新生儿父母', 'parents-id-card'),
      shared(
        'delivery-record',
        '新生儿分娩记录',
        '助产机构住院分娩信息',
        '分娩记录中新生儿出生时间、性别与申请一致',
      ),
    ],
    form: form(
      '出生医学证明办理登记表',
      [...PERSON_FIELDS, ...NEWBORN_FIELDS],
      {
        birthPlace: { type: 'string', title: '出生地点（医疗机构）', maxLength: 100 },
      },
      [...PERSON_REQUIRED, 'childName', 'childGender', 'childBirthDate', 'motherName', 'motherIdNumber'],
    ),
    process: onTheSpot('核对信息并签发'),
    handlingItems: stages('出生医学证明', { new: '首次签发', change: '换发' }),
  }),
);

const vaccinationCard = implement(
  BASIC_CODE.VACCINATION_CARD,
  ['xh-wsjk', 'yz-wsjk', 'lc-wsjk', 'yj-wsjk'],
  (ctx) => ({
    guide: guide(ctx, {
      conditions: ['儿童居住在本辖区，由其监护人在儿童出生后一个月内申请'],
      legal: 'immediate',
      promised: 'immediate',
      forms: ['online', 'window'],
      visits: 1,
      visitReason: '首次接种时须由监护人携带儿童到接种单位建档并领取预防接种证',
      places: [
        place(
          `${ctx.region.name}各社区卫生服务中心（乡镇卫生院）预防接种门诊`,
          `${ctx.region.name}各社区卫生服务中心（乡镇卫生院）`,
          '工作日 8:00-11:30, 13:30-16:30（具体以接种门诊公示为准）',
        ),
      ],
      audiences: PERSON,
      depth: 3,
      themes: ['birth', 'medical'],
      highFrequency: true,
      result: { name: '预防接种证', licenceTypeCode: 'YFJZZ' },
    }),
    materials: [
      birthCertificate('儿童姓名、出生日期与建档信息一致'),
      idCard('监护人'),
      shared(
        'birth-vaccination',
        '出生医院首剂疫苗接种记录',
        '新生儿乙肝疫苗、卡介苗接种信息',
        '出生医院已上传首剂接种记录',
      ),
    ],
    form: form(
      '预防接种建档登记表',
      [...PERSON_FIELDS, 'childName', 'childGender', 'childBirthDate', 'address'],
      {},
      [...PERSON_REQUIRED, 'childName', 'childBirthDate'],
    ),
    process: onTheSpot('建档并发放预防接种证'),
    handlingItems: stages('预防接种证', { new: '首次办理', renewal: '补办' }),
  }),
);

const healthCheck = implement(
  BASIC_CODE.HEALTH_CHECK,
  ['xh-wsjk', 'tl-wsjk', ['yz-wsjk', { promised: 2 }], 'nh-wsjk', ['lc-wsjk', { promised: 2 }], 'yj-wsjk'],
  (ctx) => {
    const promised = ctx.variant.promised ?? 3;
    return {
      guide: guide(ctx, {
        conditions: [
          '从事或拟从事接触直接入口食品工作的食品生产经营从业人员',
          '按预约时间本人到指定体检机构参加健康检查',
        ],
        legal: 5,
        promised,
        forms: ['online', 'window'],
        visits: 1,
        visitReason: '须本人到体检机构现场进行体格检查和采样',
        fee: {
          charged: true,
          standard: '按体检机构公示的健康检查项目价格收取，具体以当地医疗服务价格标准为准',
          basis: '浙江省医疗服务价格管理有关规定（体检项目价格由医疗机构依规公示）',
        },
        places: [
          place(
            `${ctx.region.name}疾病预防控制中心从业人员健康体检门诊`,
            `${ctx.region.address}（${ctx.region.hall}一楼东侧体检点）`,
            '工作日 7:30-11:00（空腹采样），法定节假日除外',
          ),
        ],
        audiences: PERSON,
        depth: 3,
        themes: ['employment', 'medical'],
        highFrequency: true,
        result: { name: '食品从业人员健康证明', licenceTypeCode: 'JKZM' },
      }),
      materials: [
        idCard('体检人'),
        material('photo', '近期免冠照片', {
          forms: ['electronic'],
          copies: 1,
          specification: '现场拍摄或上传近期正面免冠彩色照片',
          necessity: 'conditional',
          condition: '现场无法拍照采集的',
          acceptanceStandard: '近期正面免冠，面部清晰',
        }),
      ],
      form: form(
        '从业人员健康检查登记表',
        [...PERSON_FIELDS, 'enterpriseName'],
        {
          occupation: {
            type: 'string',
            title: '从业类别',
            enum: ['餐饮服务', '食品销售', '食品生产', '集体食堂', '其他'],
          },
          appointmentDate: { type: 'string', title: '预约体检日期', format: 'date' },
        },
        [...PERSON_REQUIRED, 'occupation'],
      ),
      process: flow(promised, { production: true, reviewName: '体检及检验' }),
      handlingItems: stages('从业人员健康检查', { new: '（首次）', renewal: '（年度复检）' }),
    };
  },
);

export const healthEntries: SeedEntry[] = [
  ...medicalInstitution,
  ...birthRegistration,
  ...birthCertificateIssuing,
  ...vaccinationCard,
  ...healthCheck,
];
