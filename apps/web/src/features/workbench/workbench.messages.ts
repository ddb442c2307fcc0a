/**
 * The workbench's page chrome in both languages, merged into the app's dictionary (shared/i18n).
 * Keys start with `workbench.`; case data and official texts stay in Chinese.
 */
export const workbenchZh = {
  'workbench.title': '审批工作台',
} as const;

export const workbenchEn: Partial<Record<keyof typeof workbenchZh, string>> = {
  'workbench.title': 'Workbench',
};
