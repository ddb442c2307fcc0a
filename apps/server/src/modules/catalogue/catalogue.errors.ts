import { badRequest, conflict, notFound, unprocessable } from '../../platform/errors.js';
import type { QualityViolation } from './catalogue.quality.js';

const ELEMENT_LABELS: Record<string, string> = {
  name: '事项名称',
  implementingSector: '实施主体（条线）',
  basicCode: '基本编码',
  type: '事项类型',
  competentSector: '主管部门',
  departmentId: '实施主体',
  legalBasis: '设定依据',
};

/** Error codes of the catalogue module (事项目录). */
export const catalogueErrors = {
  basicItemNotFound: (code: string, field = 'params.basicCode') =>
    notFound('CATALOGUE_BASIC_ITEM_NOT_FOUND', `基本目录事项 ${code} 不存在`, { field }),
  basicCodeTaken: (code: string) =>
    conflict('CATALOGUE_BASIC_CODE_TAKEN', `基本编码 ${code} 已存在`, { field: 'body.basicCode' }),
  /** 同一事项、同一标准: a key element of a basic item that implementation entries already state. */
  basicItemInUse: (element: string, entryCount: number) =>
    conflict(
      'CATALOGUE_BASIC_ITEM_IN_USE',
      `已有 ${entryCount} 个实施清单采用该事项，其${ELEMENT_LABELS[element] ?? element}不能修改（同一事项、同一标准、同一编码）；如需调整请新设事项`,
      { field: `body.${element}`, details: { element, entryCount } },
    ),
  basicItemLevelInUse: (level: string) =>
    conflict('CATALOGUE_BASIC_ITEM_LEVEL_IN_USE', `已有${level}实施清单采用该事项，不能取消该行使层级`, {
      field: 'body.levels',
    }),
  parentInvalid: (message: string) =>
    unprocessable('CATALOGUE_PARENT_INVALID', message, { field: 'body.parentCode' }),
  parentNotFound: (code: string) =>
    unprocessable('CATALOGUE_PARENT_NOT_FOUND', `主项 ${code} 不存在`, { field: 'body.parentCode' }),
  itemNotFound: (field = 'params.code') =>
    notFound('CATALOGUE_ITEM_NOT_FOUND', '事项不存在或尚未发布', { field }),
  entryNotFound: (field = 'params.id') =>
    notFound('CATALOGUE_ENTRY_NOT_FOUND', '实施清单事项不存在', { field }),
  versionNotFound: (field = 'params.versionId') =>
    notFound('CATALOGUE_VERSION_NOT_FOUND', '事项版本不存在', { field }),
  /** 同一事项、同一标准、同一编码: an implementation entry deviates from its basic item. */
  keyElementMismatch: (element: string, expected: unknown, actual: unknown) =>
    unprocessable(
      'CATALOGUE_KEY_ELEMENT_MISMATCH',
      `实施清单的${ELEMENT_LABELS[element] ?? element}与基本目录不一致（同一事项、同一标准、同一编码）`,
      { field: `body.keyElements.${element}`, details: { element, expected, actual } },
    ),
  departmentRegionMismatch: () =>
    unprocessable('CATALOGUE_DEPARTMENT_REGION_MISMATCH', '实施部门不属于该行政区划', {
      field: 'body.regionCode',
    }),
  levelNotAllowed: (level: string) =>
    unprocessable('CATALOGUE_LEVEL_NOT_ALLOWED', `该事项不在${level}层级行使`, { field: 'body.regionCode' }),
  implementationCodeTaken: (code: string) =>
    conflict('CATALOGUE_IMPLEMENTATION_CODE_TAKEN', `实施编码 ${code} 已存在`, { field: 'body.serial' }),
  noDraft: () => conflict('CATALOGUE_NO_DRAFT', '该事项没有待发布的草稿版本', { field: 'params.id' }),
  notPublished: () => conflict('CATALOGUE_NOT_PUBLISHED', '该事项没有已发布的版本', { field: 'params.id' }),
  qualityFailed: (violations: QualityViolation[]) =>
    unprocessable('CATALOGUE_QUALITY_FAILED', `发布失败：有 ${violations.length} 项质量规则未通过`, {
      field: violations[0] ? `body.content.${violations[0].field}` : 'body.content',
      details: { violations },
    }),
  regionRequired: () =>
    badRequest('CATALOGUE_REGION_REQUIRED', '按基本编码查询办事指南时须指定行政区划', {
      field: 'query.region',
    }),
  bundleNotFound: (field = 'params.code') =>
    notFound('CATALOGUE_BUNDLE_NOT_FOUND', '“一件事”不存在', { field }),
  bundleItemUnknown: (code: string, index: number) =>
    unprocessable('CATALOGUE_BUNDLE_ITEM_UNKNOWN', `“一件事”引用的事项 ${code} 不在基本目录中`, {
      field: `body.items[${index}].basicCode`,
    }),
} as const;
