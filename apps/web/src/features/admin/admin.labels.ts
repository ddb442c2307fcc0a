/** Labels of the codes the console shows (the server's own lists: org.sectors, catalogue.model). */

export const SECTOR_LABELS: Record<string, string> = {
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
};

export const ITEM_TYPE_LABELS: Record<string, string> = {
  licensing: '行政许可',
  confirmation: '行政确认',
  payment: '行政给付',
  adjudication: '行政裁决',
  reward: '行政奖励',
  filing: '行政备案',
  other_power: '其他行政权力',
  public_service: '公共服务',
};

export const LEVEL_LABELS: Record<string, string> = {
  province: '省级',
  city: '市级',
  county: '县级',
  township: '乡镇（街道）',
  village: '村（社区）',
};

/** antd Select options of a label table. */
export function optionsOf(labels: Record<string, string>) {
  return Object.entries(labels).map(([value, label]) => ({ value, label }));
}
