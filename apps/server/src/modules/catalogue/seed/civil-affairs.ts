/** 民政、教育: 结婚登记, 最低生活保障, 义务教育入学报名. */
import type { BasicItem } from '../catalogue.model.js';
import type { SeedEntry } from '../catalogue.seed-types.js';
import { BASIC_CODE } from './basic-codes.js';
import { flow, guide, hallPlace, implement, law, onTheSpot, PERSON, place, stages } from './common.js';
import { form, PERSON_FIELDS, PERSON_REQUIRED } from './shared-forms.js';
import {
  applicationForm,
  eLicence,
  householdRegister,
  idCard,
  material,
  photo,
  powerOfAttorney,
  propertyCertificate,
  shared,
  windowMade,
} from './shared-materials.js';

export const civilAffairsItems: BasicItem[] = [
  {
    basicCode: BASIC_CODE.MARRIAGE,
    name: '结婚登记',
    type: 'confirmation',
    competentSector: 'civil_affairs',
    implementingSector: 'civil_affairs',
    levels: ['county'],
    legalBasis: [
      law(
        '《中华人民共和国民法典》',
        '第一千零四十九条',
        '要求结婚的男女双方应当亲自到婚姻登记机关申请结婚登记；符合法律规定的，予以登记，发给结婚证。完成结婚登记，即确立婚姻关系。',
      ),
      law(
        '《婚姻登记条例》',
        '第四条',
        '内地居民结婚，男女双方应当共同到有管辖权的婚姻登记机关办理结婚登记。',
      ),
    ],
    aliases: ['领证', '领结婚证', '结婚证', '婚姻登记预约', '结婚预约', '登记结婚'],
  },
  {
    basicCode: BASIC_CODE.SUBSISTENCE,
    name: '最低生活保障申请',
    type: 'payment',
    competentSector: 'civil_affairs',
    implementingSector: 'civil_affairs',
    levels: ['county'],
    legalBasis: [
      law(
        '《社会救助暂行办法》',
        '第九条',
        '国家对共同生活的家庭成员人均收入低于当地最低生活保障标准，且符合当地最低生活保障家庭财产状况规定的家庭，给予最低生活保障。',
      ),
      law(
        '《社会救助暂行办法》',
        '第十一条',
        '申请最低生活保障由共同生活的家庭成员向户籍所在地乡镇人民政府、街道办事处书面提出；乡镇、街道通过入户调查、邻里访问、信息核查等方式调查核实家庭收入和财产状况并提出初审意见，公示后报县级人民政府民政部门审批。',
      ),
    ],
    aliases: ['低保', '申请低保', '低保户', '困难救助', '生活困难补助'],
  },
  {
    basicCode: BASIC_CODE.SCHOOL_ENROLMENT,
    name: '义务教育阶段入学报名',
    type: 'public_service',
    competentSector: 'education',
    implementingSector: 'education',
    levels: ['county'],
    legalBasis: [
      law(
        '《中华人民共和国义务教育法》',
        '第十二条',
        '适龄儿童、少年免试入学，地方各级人民政府保障其在户籍所在地学校就近入学；父母或者其他法定监护人在非户籍所在地工作或者居住的适龄儿童、少年，在其工作或居住地接受义务教育的，当地政府应当提供平等接受义务教育的条件。',
      ),
    ],
    aliases: ['子女入学', '小学报名', '一年级报名', '初中报名', '新生入学', '入学登记', '随迁子女入学'],
  },
];

const marriage = implement(
  BASIC_CODE.MARRIAGE,
  ['xh-mzj', 'tl-mzj', 'yz-mzj', 'nh-mzj', 'lc-mzj', 'yj-mzj'],
  (ctx) => ({
    guide: guide(ctx, {
      conditions: [
        '男女双方完全自愿，男年满二十二周岁、女年满二十周岁',
        '双方均无配偶，且没有直系血亲和三代以内旁系血亲关系',
        '双方共同亲自到婚姻登记机关申请，可通过网上预约选择登记日期',
      ],
      legal: 'immediate',
      promised: 'immediate',
      forms: ['online', 'window'],
      visits: 1,
      visitReason: '结婚登记须男女双方亲自到场，在登记员面前签署声明并当场领取结婚证',
      places: [
        place(
          `${ctx.dept.name}婚姻登记处`,
          `${ctx.region.address}（${ctx.region.hall}婚姻登记大厅）`,
          `${ctx.region.hours}；“5·20”“七夕”等特殊日期可延时办理`,
        ),
      ],
      audiences: PERSON,
      depth: 3,
      themes: ['marriage'],
      highFrequency: true,
      result: { name: '结婚证', licenceTypeCode: 'JHZ' },
    }),
    materials: [
      idCard('男女双方', 'parties-id-card'),
      householdRegister({
        necessity: 'conditional',
        condition: '身份证件信息无法核验户籍情况或登记机关要求核对的',
      }),
      photo('joint-photo', '双方近期合影照片', '2 寸近期半身免冠合影，红色背景，3 张；可在登记处现场拍摄'),
      windowMade(
        'declaration',
        '申请结婚登记声明书',
        '当事人在登记员面前亲笔签署，声明无配偶且无禁止结婚的亲属关系',
      ),
      shared('marriage-status', '婚姻状况信息', '全国婚姻登记信息', '双方均无有效婚姻登记记录'),
    ],
    form: form(
      '结婚登记预约表',
      PERSON_FIELDS,
      {
        partnerName: { type: 'string', title: '对方姓名', maxLength: 50 },
        partnerIdNumber: { type: 'string', title: '对方公民身份号码', format: 'citizen-id' },
        appointmentDate: { type: 'string', title: '预约登记日期', format: 'date' },
      },
      [...PERSON_REQUIRED, 'partnerName', 'partnerIdNumber', 'appointmentDate'],
    ),
    process: onTheSpot('审查、询问并当场登记发证'),
    handlingItems: [{ name: '内地居民结婚登记', kind: 'new' }],
  }),
);

const subsistence = implement(
  BASIC_CODE.SUBSISTENCE,
  ['xh-mzj', ['tl-mzj', { promised: 15 }], 'nh-mzj', 'yj-mzj'],
  (ctx) => {
    const promised = ctx.variant.promised ?? 20;
    return {
      guide: guide(ctx, {
        conditions: [
          '申请人具有本地户籍，以共同生活的家庭为单位申请',
          '家庭月人均收入低于当地最低生活保障标准',
          '家庭财产状况符合当地最低生活保障家庭财产规定',
        ],
        legal: 30,
        promised,
        visits: 0,
        places: [
          hallPlace(ctx, '社会救助窗口'),
          place(
            `${ctx.region.name}各乡镇（街道）便民服务中心社会救助窗口`,
            `${ctx.region.name}各乡镇（街道）便民服务中心`,
            ctx.region.hours,
          ),
        ],
        special: [
          {
            name: '入户调查',
            description: '乡镇（街道）组织工作人员入户调查家庭经济状况，调查时间计入初审环节',
          },
          {
            name: '公示',
            description: '初审及审批结果在申请人所在村（社区）公示 7 日，公示期不计入办理时限',
          },
        ],
        audiences: PERSON,
        depth: 3,
        themes: ['social_security'],
        result: { name: '最低生活保障证', licenceTypeCode: 'DBZ' },
      }),
      materials: [
        applicationForm('最低生活保障申请书'),
        idCard('共同生活家庭成员'),
        householdRegister(),
        material('verification-authorization', '家庭经济状况核对授权书', {
          acceptanceStandard: '共同生活的成年家庭成员均签字授权，可在线电子签名',
        }),
        shared(
          'economic-check',
          '家庭收入和财产状况核对报告',
          '居民家庭经济状况核对信息',
          '核对涵盖不动产、车辆、存款、工商、社保等信息',
        ),
        material('illness-proof', '重病、重残证明材料', {
          necessity: 'conditional',
          condition: '家庭成员患重病或者有重度残疾，申请认定刚性支出或单人保的',
          acceptanceStandard: '医疗机构诊断证明或残疾人证等，真实有效',
        }),
        powerOfAttorney(),
      ],
      form: form(
        '最低生活保障申请表',
        [...PERSON_FIELDS, 'address'],
        {
          familySize: { type: 'integer', title: '共同生活家庭人口', minimum: 1, maximum: 20 },
          monthlyIncome: { type: 'number', title: '家庭月总收入（元）', minimum: 0 },
          reason: { type: 'string', title: '申请理由', maxLength: 1000 },
        },
        [...PERSON_REQUIRED, 'address', 'familySize', 'reason'],
      ),
      process: flow(promised, { preliminary: true, production: true, reviewName: '审核确认' }),
      handlingItems: stages('最低生活保障', { new: '申请', cancellation: '停发' }),
    };
  },
);

const schoolEnrolment = implement(
  BASIC_CODE.SCHOOL_ENROLMENT,
  ['xh-jyj', 'tl-jyj', 'yz-jyj', 'lc-jyj', 'yj-jyj'],
  (ctx) => ({
    guide: guide(ctx, {
      conditions: [
        '适龄儿童（当年 8 月 31 日前年满 6 周岁）入小学，小学毕业生升入初中',
        '户籍在本地学区，或随迁子女父母持本地居住证并按规定参加社会保险',
        '在本县（区）公布的招生报名时间内提交报名',
      ],
      legal: 20,
      promised: 15,
      visits: 0,
      places: [hallPlace(ctx, '教育服务窗口')],
      audiences: PERSON,
      depth: 4,
      themes: ['schooling'],
      highFrequency: true,
      result: { name: '入学录取（分配）通知' },
    }),
    materials: [
      householdRegister({ name: '儿童及父母居民户口簿' }),
      propertyCertificate('学区内住房不动产权证书', '权利人为儿童父母，房屋位于学区范围', {
        necessity: 'conditional',
        condition: '按房产所在地学区入学的',
      }),
      eLicence('residence-permit', '父母居住证', 'JZZ', '居住证在有效期内，居住地址在本县（区）', {
        necessity: 'conditional',
        condition: '随迁子女申请入学的',
      }),
      shared(
        'social-insurance',
        '父母社会保险参保记录',
        '职工基本养老保险参保缴费信息',
        '随迁子女父母连续参保年限符合当年招生政策',
      ),
      shared(
        'vaccination',
        '预防接种证查验记录',
        '儿童预防接种信息',
        '国家免疫规划疫苗接种完整或已按规定补种',
      ),
    ],
    form: form(
      '义务教育入学报名表',
      [...PERSON_FIELDS, 'address', 'childName', 'childGender', 'childBirthDate'],
      {
        schoolStage: { type: 'string', title: '报名学段', enum: ['小学一年级', '初中一年级'] },
        enrolmentBasis: {
          type: 'string',
          title: '报名类型',
          enum: ['户籍和房产一致', '仅有户籍', '仅有房产', '随迁子女'],
        },
      },
      [...PERSON_REQUIRED, 'childName', 'childBirthDate', 'schoolStage', 'enrolmentBasis'],
    ),
    process: flow(15, { reviewName: '报名资格审核及学位分配' }),
    handlingItems: [{ name: '义务教育阶段入学报名', kind: 'new' }],
  }),
);

export const civilAffairsEntries: SeedEntry[] = [...marriage, ...subsistence, ...schoolEnrolment];
