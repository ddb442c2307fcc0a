import { BankOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { theme } from 'antd';
import { type CSSProperties, Suspense } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { useMe } from '../auth/auth';
import { ADMIN_PERMISSIONS, CASE_PERMISSIONS, holdsAny } from '../features/workbench/staff';
import { ErrorBoundary } from './ErrorBoundary';
import { type MessageKey, useLanguage, useT } from './i18n';
import { PageSkeleton } from './PageSkeleton';
import { chromeColors } from './theme';
import { UserMenu } from './UserMenu';
import './app-shell.css';

/** Staff links appear only for the permissions `/me` lists (the pages check them again). */
const navItems: { to: string; label: MessageKey; permissions?: readonly string[] }[] = [
  { to: '/', label: 'nav.home' },
  { to: '/services', label: 'nav.services' },
  { to: '/my-cases', label: 'nav.myCases' },
  { to: '/my-licences', label: 'nav.myLicences' },
  { to: '/my-messages', label: 'nav.messages' },
  { to: '/case-lookup', label: 'nav.lookup' },
  { to: '/workbench', label: 'nav.workbench', permissions: CASE_PERMISSIONS },
  { to: '/admin', label: 'nav.admin', permissions: ADMIN_PERMISSIONS },
];

/**
 * The page chrome every route shares: header with the main navigation, the `<main>` landmark
 * the routes render into, and the footer with contact and complaint channels.
 */
export function AppLayout() {
  const { token } = theme.useToken();
  const { pathname } = useLocation();
  const queryClient = useQueryClient();
  const t = useT();
  const { language, setLanguage } = useLanguage();
  const me = useMe();

  // Hand the antd theme to the shell's plain CSS, so the colours have one source.
  const shellVariables = {
    '--yw-primary': token.colorPrimary,
    '--yw-header-bg': chromeColors.headerBackground,
    '--yw-footer-bg': chromeColors.footerBackground,
    '--yw-page-bg': token.colorBgLayout,
    '--yw-text': token.colorText,
    '--yw-text-secondary': token.colorTextSecondary,
    '--yw-container-bg': token.colorBgContainer,
    '--yw-border': token.colorBorderSecondary,
    '--yw-error': token.colorError,
    '--yw-warning': token.colorWarning,
  } as CSSProperties;

  return (
    <div className="app-shell" style={shellVariables}>
      <a className="skip-link" href="#main">
        {t('skip.toContent')}
      </a>
      <header className="site-header">
        <div className="site-header-inner">
          <Link to="/" className="site-logo">
            <BankOutlined className="site-logo-mark" aria-hidden="true" />
            <span className="site-logo-text">{t('app.name')}</span>
          </Link>
          <div className="site-tools">
            <button
              type="button"
              className="site-tool-button"
              lang={language === 'en' ? 'zh-CN' : 'en'}
              aria-label={t('lang.switchLabel')}
              onClick={() => setLanguage(language === 'en' ? 'zh-CN' : 'en')}
            >
              {t('lang.switch')}
            </button>
            <UserMenu />
          </div>
          <nav className="site-nav" aria-label={t('nav.main')}>
            <ul>
              {navItems
                .filter((item) => !item.permissions || holdsAny(me.data, item.permissions))
                .map((item) => (
                  <li key={item.to}>
                    <NavLink to={item.to} end={item.to === '/'}>
                      {t(item.label)}
                    </NavLink>
                  </li>
                ))}
            </ul>
          </nav>
        </div>
      </header>

      <main id="main" className="site-main" tabIndex={-1}>
        {/* Keyed by path so that leaving a crashed page clears the error. */}
        <ErrorBoundary key={pathname} onReset={() => void queryClient.resetQueries()}>
          <Suspense fallback={<PageSkeleton />}>
            <Outlet />
          </Suspense>
        </ErrorBoundary>
      </main>

      <footer className="site-footer">
        <div className="site-footer-inner">
          <section aria-labelledby="footer-contact-heading">
            <h2 id="footer-contact-heading" className="site-footer-heading">
              {t('footer.consult')}
            </h2>
            <p>
              {t('footer.consultText')} <strong>12345</strong>（7×24）
            </p>
          </section>
          <section aria-labelledby="footer-complaint-heading">
            <h2 id="footer-complaint-heading" className="site-footer-heading">
              {t('footer.complaint')}
            </h2>
            <p>{t('footer.complaintText')}</p>
          </section>
          <p className="site-footer-note">{t('footer.note')}</p>
        </div>
      </footer>
    </div>
  );
}
