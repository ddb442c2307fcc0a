import { Alert, Button, Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { useT } from '../shared/i18n';
import { completeLogin, LoginError, startLogin } from './oidc';

/** `/auth/callback`: where the login pages send the user back with the authorization code. */
export function AuthCallbackPage() {
  const navigate = useNavigate();
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const started = useRef(false);

  useEffect(() => {
    // StrictMode runs effects twice in development; the code may be exchanged only once.
    if (started.current) return;
    started.current = true;
    completeLogin(new URL(window.location.href)).then(
      (returnTo) => void navigate(returnTo, { replace: true }),
      (failure: unknown) =>
        setError(failure instanceof LoginError ? failure.message : t('auth.callbackFailed')),
    );
  }, [navigate, t]);

  return (
    <section className="page-section narrow-page" aria-labelledby="callback-heading">
      <title>{`${t('auth.signingIn')} - ${t('app.name')}`}</title>
      <h1 id="callback-heading" className="page-title">
        {t('auth.signingIn')}
      </h1>
      {error ? (
        <Alert
          type="error"
          showIcon
          title={t('auth.callbackFailedTitle')}
          description={error}
          action={
            <Button type="primary" onClick={() => void startLogin('/')}>
              {t('auth.login')}
            </Button>
          }
        />
      ) : (
        <div role="status" aria-live="polite" className="centered-state">
          <Spin />
          <p>{t('auth.completing')}</p>
        </div>
      )}
    </section>
  );
}
