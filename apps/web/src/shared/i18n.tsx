/**
 * Language: zh-CN by default, with an English switch for the page chrome and headings (antd's
 * own texts follow its locale). Data from the server (item names, guides) stays in Chinese: it is
 * the official text.
 */

import type { ThemeConfig } from 'antd';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo } from 'react';
import { adminEn, adminZh } from '../features/admin/admin.messages';
import { workbenchEn, workbenchZh } from '../features/workbench/workbench.messages';
import { useStoredString } from './use-stored-string';

export type Language = 'zh-CN' | 'en';

const zh = {
  ...workbenchZh,
  ...adminZh,
  'app.name': '一网通办',
  'nav.home': '首页',
  'nav.services': '办事服务',
  'nav.myCases': '我的办件',
  'nav.myLicences': '我的证照',
  'nav.lookup': '办件查询',
  'nav.workbench': '工作台',
  'nav.admin': '管理后台',
  'nav.main': '主导航',
  'skip.toContent': '跳到主要内容',
  'lang.switch': 'English',
  'lang.switchLabel': 'Switch to English',
  'auth.login': '登录',
  'auth.logout': '退出登录',
  'auth.redirecting': '正在前往统一身份认证登录…',
  'auth.signingIn': '登录',
  'auth.completing': '正在完成登录…',
  'auth.callbackFailed': '登录未能完成，请重新登录。',
  'auth.callbackFailedTitle': '登录未完成',
  'auth.kind.person': '个人',
  'auth.kind.enterprise': '法人',
  'auth.kind.staff': '工作人员',
  'auth.agentFor': '经办人',
  'auth.userMenu': '用户菜单',
  'footer.consult': '咨询服务',
  'footer.consultText': '政务服务便民热线',
  'footer.complaint': '监督投诉',
  'footer.complaintText': '对办事过程有意见或建议，可拨打 12345 反映，或在办结后对服务进行评价（好差评）。',
  'footer.note': '一网通办 · 一体化在线政务服务平台',
  'home.title': '政务服务 一网通办',
  'home.slogan': '让数据多跑路，让群众少跑腿',
  'home.search': '搜索办事事项',
  'home.searchPlaceholder': '搜索办事事项，如：营业执照、居住证',
  'home.searchButton': '搜索',
  'home.person': '个人办事',
  'home.enterprise': '法人办事',
  'home.highFrequency': '高频事项',
  'home.bundles': '一件事 一次办',
  'home.themes': '按主题查找',
  'home.quick': '便民服务',
  'services.title': '办事服务',
  'guide.apply': '在线办理',
  'cases.title': '我的办件',
  'messages.title': '我的消息',
  'nav.messages': '我的消息',
  'licences.title': '我的证照',
  'lookup.title': '办件查询',
  'verify.title': '电子证照核验',
} as const;

export type MessageKey = keyof typeof zh;

const en: Partial<Record<MessageKey, string>> = {
  ...workbenchEn,
  ...adminEn,
  'app.name': 'Yiwang Government Services',
  'nav.home': 'Home',
  'nav.services': 'Services',
  'nav.myCases': 'My applications',
  'nav.myLicences': 'My licences',
  'nav.lookup': 'Track an application',
  'nav.workbench': 'Workbench',
  'nav.admin': 'Administration',
  'nav.main': 'Main navigation',
  'skip.toContent': 'Skip to main content',
  'lang.switch': '中文',
  'lang.switchLabel': '切换到中文',
  'auth.login': 'Sign in',
  'auth.logout': 'Sign out',
  'auth.redirecting': 'Taking you to the unified sign-in…',
  'auth.signingIn': 'Sign in',
  'auth.completing': 'Completing sign-in…',
  'auth.callbackFailed': 'Sign-in could not be completed. Please sign in again.',
  'auth.callbackFailedTitle': 'Sign-in not completed',
  'auth.kind.person': 'Individual',
  'auth.kind.enterprise': 'Enterprise',
  'auth.kind.staff': 'Staff',
  'auth.agentFor': 'Agent',
  'auth.userMenu': 'User menu',
  'footer.consult': 'Enquiries',
  'footer.consultText': 'Government service hotline',
  'footer.complaint': 'Complaints',
  'footer.complaintText':
    'Call 12345 with comments or complaints, or rate the service once your case is completed.',
  'footer.note': 'Yiwang · integrated online government services',
  'home.title': 'Government services, all in one place',
  'home.slogan': 'Let data travel, not people',
  'home.search': 'Search services',
  'home.searchPlaceholder': 'Search services, e.g. business licence',
  'home.searchButton': 'Search',
  'home.person': 'For individuals',
  'home.enterprise': 'For enterprises',
  'home.highFrequency': 'Most used services',
  'home.bundles': 'One application for a life event',
  'home.themes': 'Browse by theme',
  'home.quick': 'Quick services',
  'services.title': 'Services',
  'guide.apply': 'Apply online',
  'cases.title': 'My applications',
  'messages.title': 'My messages',
  'nav.messages': 'Messages',
  'licences.title': 'My licences',
  'lookup.title': 'Track an application',
  'verify.title': 'Verify an e-licence',
};

interface LanguageState {
  language: Language;
  setLanguage: (language: Language) => void;
  t: (key: MessageKey) => string;
}

const LanguageContext = createContext<LanguageState>({
  language: 'zh-CN',
  setLanguage: () => {},
  t: (key) => zh[key],
});

/** localStorage key of the chosen language. */
const LANGUAGE_KEY = 'yiwang.language';

/** Provides the language to the app and antd's locale to its components. */
export function LanguageProvider({ theme, children }: { theme: ThemeConfig; children: ReactNode }) {
  const [stored, setStored] = useStoredString(LANGUAGE_KEY);
  const language: Language = stored === 'en' ? 'en' : 'zh-CN';
  const setLanguage = useCallback((next: Language) => setStored(next === 'en' ? 'en' : null), [setStored]);
  const t = useCallback(
    (key: MessageKey) => (language === 'en' ? (en[key] ?? zh[key]) : zh[key]),
    [language],
  );
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const value = useMemo(() => ({ language, setLanguage, t }), [language, setLanguage, t]);
  return (
    // No space inserted into two-character Chinese button labels: screen readers would spell it out.
    <ConfigProvider
      locale={language === 'en' ? enUS : zhCN}
      theme={theme}
      button={{ autoInsertSpace: false }}
    >
      {/* antd's App gives every page's `App.useApp()` its message, notification and modal (outside
          one they are empty objects, and a call throws); no wrapper element of its own. */}
      <AntApp component={false}>
        <LanguageContext value={value}>{children}</LanguageContext>
      </AntApp>
    </ConfigProvider>
  );
}

/** The message lookup of the current language. */
export function useT(): LanguageState['t'] {
  return useContext(LanguageContext).t;
}

/** The current language and a way to change it. */
export function useLanguage(): LanguageState {
  return useContext(LanguageContext);
}
