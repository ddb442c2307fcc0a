import { Spin } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { useLocation } from 'react-router';
import { useT } from '../shared/i18n';
import { useSignedIn } from './auth';
import { startLogin } from './oidc';

/**
 * Route guard: pages behind it need a signed-in user. Without one (or with an expired token) the
 * user goes to the unified login and comes back to this very page.
 */
export function RequireLogin({ children }: { children: ReactNode }) {
  const signedIn = useSignedIn();
  const location = useLocation();
  const t = useT();
  useEffect(() => {
    if (!signedIn) void startLogin(`${location.pathname}${location.search}`);
  }, [signedIn, location.pathname, location.search]);
  if (signedIn) return children;
  return (
    <div className="page-section centered-state" role="status" aria-live="polite">
      <Spin />
      <p>{t('auth.redirecting')}</p>
    </div>
  );
}
