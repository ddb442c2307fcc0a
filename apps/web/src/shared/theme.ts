import type { ThemeConfig } from 'antd';

/**
 * Government blue. Darker than antd's default #1677ff so white text on primary buttons meets
 * WCAG AA contrast (about 7:1 instead of 4.1:1).
 */
const primary = '#1557b0';

/** The antd theme of the whole app; the shell also reads these tokens for its own CSS. */
export const appTheme: ThemeConfig = {
  token: {
    colorPrimary: primary,
    colorInfo: primary,
    colorLink: primary,
    borderRadius: 6,
    // antd's lighter greys (placeholders, descriptions) fall below WCAG AA contrast on white.
    // Darker red than antd's #ff4d4f so danger buttons and error text reach 4.5:1 on white.
    colorError: '#cf1322',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    colorTextDescription: 'rgba(0, 0, 0, 0.6)',
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'Helvetica Neue', Arial, sans-serif",
  },
};

/** Colours of the page chrome (header band, footer) that antd has no token for. */
export const chromeColors = {
  headerBackground: '#0c3c7e',
  footerBackground: '#1f2a3d',
} as const;
