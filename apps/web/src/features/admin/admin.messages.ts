/**
 * The administration console's page chrome in both languages, merged into the app's dictionary
 * (shared/i18n). Keys start with `admin.`; catalogue content and official texts stay in Chinese.
 */
export const adminZh = {
  'admin.title': '管理后台',
} as const;

export const adminEn: Partial<Record<keyof typeof adminZh, string>> = {
  'admin.title': 'Administration',
};
