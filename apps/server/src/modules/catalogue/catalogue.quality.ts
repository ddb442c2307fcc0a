import type { EntryContent, TimeLimit } from './catalogue.model.js';

/** One broken rule: which rule, where, and what to fix (zh-CN). */
export interface QualityViolation {
  rule: string;
  /** Path of the offending field, e.g. `guide.visits` or `materials[2].sourceChannel`. */
  field: string;
  message: string;
}

/** A named quality rule: a function listing its violations in one entry version. */
export interface QualityRule {
  name: string;
  description: string;
  check(content: EntryContent): QualityViolation[];
}

const days = (limit: TimeLimit): number => (limit.kind === 'immediate' ? 0 : limit.days);

const rule = (name: string, description: string, check: QualityRule['check']): QualityRule => ({
  name,
  description,
  check,
});

/**
 * The quality rules every published guide passes: the ones observed in national practice
 * (DESIGN.md) and the platform's own. Publishing runs all of them and reports every violation.
 */
export const QUALITY_RULES: readonly QualityRule[] = [
  rule('full_online_no_visit', '全程网办（四级）事项到现场次数应为 0', ({ guide }) =>
    guide.onlineDepth === 4 && guide.visits > 0
      ? [
          {
            rule: 'full_online_no_visit',
            field: 'guide.visits',
            message: '四级全程网办事项的到办事现场次数必须为 0',
          },
        ]
      : [],
  ),
  rule('immediate_means_immediate', '即办件的承诺时限应为即办', ({ guide }) =>
    guide.handlingType === 'immediate' && guide.promisedTimeLimit.kind !== 'immediate'
      ? [
          {
            rule: 'immediate_means_immediate',
            field: 'guide.promisedTimeLimit',
            message: '即办件的承诺办结时限必须为“即办”',
          },
        ]
      : [],
  ),
  rule('visit_needs_reason', '到现场次数大于 0 时须说明理由', ({ guide }) =>
    guide.visits > 0 && !guide.visitReason?.trim()
      ? [
          {
            rule: 'visit_needs_reason',
            field: 'guide.visitReason',
            message: '到办事现场次数大于 0，须说明到现场的理由',
          },
        ]
      : [],
  ),
  rule('promised_within_legal', '承诺时限不得超过法定时限', ({ guide }) =>
    days(guide.promisedTimeLimit) > days(guide.legalTimeLimit) && guide.legalTimeLimit.kind !== 'immediate'
      ? [
          {
            rule: 'promised_within_legal',
            field: 'guide.promisedTimeLimit',
            message: `承诺办结时限（${days(guide.promisedTimeLimit)} 个工作日）超过法定办结时限（${days(guide.legalTimeLimit)} 个工作日）`,
          },
        ]
      : guide.legalTimeLimit.kind === 'immediate' && guide.promisedTimeLimit.kind !== 'immediate'
        ? [
            {
              rule: 'promised_within_legal',
              field: 'guide.promisedTimeLimit',
              message: '法定时限为即办时，承诺时限也必须为即办',
            },
          ]
        : [],
  ),
  rule('material_has_source', '每项必需材料须有来源渠道及对应的共享或证照来源', ({ materials }) =>
    materials.flatMap((material, index) => {
      const field = `materials[${index}]`;
      if (material.sourceChannel === 'government_issued' && !material.licenceTypeCode) {
        return [
          {
            rule: 'material_has_source',
            field: `${field}.licenceTypeCode`,
            message: `材料“${material.name}”来源为政府部门核发，须注明可替代的电子证照类型`,
          },
        ];
      }
      if (material.sourceChannel === 'shared_data' && !material.sharedDataItem) {
        return [
          {
            rule: 'material_has_source',
            field: `${field}.sharedDataItem`,
            message: `材料“${material.name}”来源为共享获取，须注明共享数据项`,
          },
        ];
      }
      return [];
    }),
  ),
  rule('deferrable_has_deadline', '容缺材料须规定补交期限，情形材料须说明情形', ({ materials }) =>
    materials.flatMap((material, index) => {
      if (material.necessity === 'deferrable' && !material.deferralWorkingDays) {
        return [
          {
            rule: 'deferrable_has_deadline',
            field: `materials[${index}].deferralWorkingDays`,
            message: `容缺材料“${material.name}”须规定补交期限（工作日）`,
          },
        ];
      }
      if (material.necessity === 'conditional' && !material.condition) {
        return [
          {
            rule: 'deferrable_has_deadline',
            field: `materials[${index}].condition`,
            message: `情形材料“${material.name}”须说明在何种情形下需要提交`,
          },
        ];
      }
      return [];
    }),
  ),
  rule('contacts_present_and_distinct', '须有咨询与监督投诉方式，且二者不同', ({ guide }) =>
    guide.consultation.phone.trim() === guide.complaint.phone.trim()
      ? [
          {
            rule: 'contacts_present_and_distinct',
            field: 'guide.complaint.phone',
            message: '监督投诉电话不能与咨询电话相同',
          },
        ]
      : [],
  ),
  rule('level_four_has_form_and_process', '四级事项须有在线申请表单和办理流程', ({ guide, form, process }) =>
    guide.onlineDepth === 4 &&
    (!form || Object.keys(form.properties).length === 0 || process.steps.length === 0)
      ? [
          {
            rule: 'level_four_has_form_and_process',
            field: 'form',
            message: '四级全程网办事项须配置在线申请表单和办理流程',
          },
        ]
      : [],
  ),
  rule('immediate_has_one_step', '即办件的办理流程只有一个环节', ({ guide, process }) =>
    guide.handlingType === 'immediate' && process.steps.length !== 1
      ? [
          {
            rule: 'immediate_has_one_step',
            field: 'process.steps',
            message: `即办件的办理流程应为一个环节，当前为 ${process.steps.length} 个`,
          },
        ]
      : [],
  ),
  rule('process_within_legal_limit', '各环节时限之和不得超过法定时限', ({ guide, process }) => {
    const total = process.steps.reduce((sum, step) => sum + step.workingDays, 0);
    return guide.legalTimeLimit.kind === 'working_days' && total > guide.legalTimeLimit.days
      ? [
          {
            rule: 'process_within_legal_limit',
            field: 'process.steps',
            message: `各环节时限合计 ${total} 个工作日，超过法定时限 ${guide.legalTimeLimit.days} 个工作日`,
          },
        ]
      : [];
  }),
  rule('form_required_fields_exist', '表单必填字段须在字段中定义', ({ form }) =>
    (form?.required ?? []).flatMap((name) =>
      form && !(name in form.properties)
        ? [{ rule: 'form_required_fields_exist', field: `form.required`, message: `必填字段 ${name} 未定义` }]
        : [],
    ),
  ),
  rule('material_keys_unique', '材料标识不得重复', ({ materials }) => {
    const seen = new Set<string>();
    return materials.flatMap((material, index) => {
      if (!seen.has(material.key)) {
        seen.add(material.key);
        return [];
      }
      return [
        {
          rule: 'material_keys_unique',
          field: `materials[${index}].key`,
          message: `材料标识 ${material.key} 重复`,
        },
      ];
    });
  }),
  rule('charged_needs_basis', '收费事项须有收费标准和依据；免费事项不应在办理流程外收费', ({ guide }) =>
    guide.fee.charged && (!guide.fee.standard.trim() || !guide.fee.basis.trim())
      ? [{ rule: 'charged_needs_basis', field: 'guide.fee', message: '收费事项须写明收费标准及依据' }]
      : [],
  ),
  rule('window_has_place', '可窗口办理的事项须写明办理地点和时间', ({ guide }) =>
    guide.handlingForms.includes('window') && guide.places.length === 0
      ? [
          {
            rule: 'window_has_place',
            field: 'guide.places',
            message: '可窗口办理的事项须写明办理地点和办理时间',
          },
        ]
      : [],
  ),
];

/** Run every quality rule over one entry version; an empty list means it may be published. */
export function checkQuality(content: EntryContent): QualityViolation[] {
  return QUALITY_RULES.flatMap((qualityRule) => qualityRule.check(content));
}
