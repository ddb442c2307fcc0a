import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { currentPath, useMe, useSignedIn } from '../auth/auth';
import { logout, startLogin } from '../auth/oidc';
import { useSession } from '../auth/session';
import { type MessageKey, useT } from './i18n';

const kindLabels: Record<string, MessageKey> = {
  person: 'auth.kind.person',
  enterprise: 'auth.kind.enterprise',
  staff: 'auth.kind.staff',
};

/**
 * 登录 / the signed-in user: name and kind (个人 / 法人); an enterprise's agent (经办人) is shown
 * as the enterprise with the person acting for it. Plain links and buttons rather than antd's
 * Dropdown, which would bring its Menu into every first page load.
 */
export function UserMenu() {
  const t = useT();
  const session = useSession();
  const signedIn = useSignedIn();
  const me = useMe();

  if (!session || !signedIn) {
    return (
      <button
        type="button"
        className="site-tool-button site-login"
        onClick={() => void startLogin(currentPath())}
      >
        <UserOutlined aria-hidden="true" /> {t('auth.login')}
      </button>
    );
  }

  const name = me.data?.name ?? session.claims.name ?? '';
  const kind = me.data?.kind ?? session.claims.account_kind ?? 'person';
  const agent = me.data?.agent;
  return (
    <>
      <Link to="/my-cases" className="site-user" data-testid="current-user">
        <UserOutlined aria-hidden="true" />
        <span className="site-user-name">{name}</span>
        <span className="site-user-kind">{t(kindLabels[kind] ?? 'auth.kind.person')}</span>
        {agent ? (
          <span className="site-user-agent">
            {t('auth.agentFor')}：{agent.name}
          </span>
        ) : null}
      </Link>
      <button
        type="button"
        className="site-tool-button"
        onClick={() => void logout()}
        aria-label={t('auth.logout')}
        title={t('auth.logout')}
      >
        <LogoutOutlined aria-hidden="true" />
      </button>
    </>
  );
}
