/**
 * Functional lines (系统/条线) of government departments. The catalogue names the line that is
 * competent for an item (主管部门) and the line that implements it (实施主体); a department's line
 * decides which items it may implement. Codes are ours; labels are the usual Chinese names.
 */
export const SECTORS = {
  development_reform: '发展改革',
  market_regulation: '市场监督管理',
  health: '卫生健康',
  public_security: '公安',
  human_resources: '人力资源和社会保障',
  civil_affairs: '民政',
  housing_construction: '住房和城乡建设',
  natural_resources: '自然资源和规划',
  education: '教育',
  transport: '交通运输',
  data_services: '数据资源和政务服务',
  ecology: '生态环境',
  agriculture: '农业农村',
  justice: '司法行政',
  medical_security: '医疗保障',
  taxation: '税务',
  housing_fund: '住房公积金',
  service_centre: '便民服务中心',
  other: '其他',
} as const;

export type Sector = keyof typeof SECTORS;

export const SECTOR_CODES = Object.keys(SECTORS) as Sector[];
