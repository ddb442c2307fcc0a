import { BankOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { theme } from 'antd';
import { type CSSProperties, Suspense } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { ErrorBoundary } from './ErrorBoundary';
import { PageSkeleton } from './PageSkeleton';
import { chromeColors } from './theme';
import './app-shell.css';

const navItems = [
  { to: '/', label: '首页' },
  { to: '/services', label: '办事服务' },
  { to: '/my-cases', label: '我的办件' },
  { to: '/workbench', label: '工作台' },
] as const;

/**
 * The page chrome every route shares: header with the main navigation, the `<main>` landmark
 * the routes render into, and the footer with contact and complaint channels.
 */
export function AppLayout() {
  const { token } = theme.useToken();
  const { pathname } = useLocation();
  const queryClient = useQueryClient();

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
        跳到主要内容
      </a>
      <header className="site-header">
        <div className="site-header-inner">
          <Link to="/" className="site-logo" aria-label="一网通办 首页">
            <BankOutlined className="site-logo-mark" aria-hidden="true" />
            <span className="site-logo-text">一网通办</span>
          </Link>
          <nav className="site-nav" aria-label="主导航">
            <ul>
              {navItems.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end={item.to === '/'}>
                    {item.label}
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
              咨询服务
            </h2>
            <p>
              政务服务便民热线 <strong>12345</strong>（7×24 小时）
            </p>
          </section>
          <section aria-labelledby="footer-complaint-heading">
            <h2 id="footer-complaint-heading" className="site-footer-heading">
              监督投诉
            </h2>
            <p>对办事过程有意见或建议，可拨打 12345 反映；网上投诉渠道即将开放。</p>
          </section>
          <p className="site-footer-note">一网通办 · 一体化在线政务服务平台</p>
        </div>
      </footer>
    </div>
  );
}
