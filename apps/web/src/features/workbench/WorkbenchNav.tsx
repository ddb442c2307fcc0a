import { NavLink } from 'react-router';
import { useMe } from '../../auth/auth';
import { useT } from '../../shared/i18n';
import { ADMIN_PERMISSIONS, holdsAny } from './staff';

/** The workbench's own links: queues, one-window acceptance (clerks), the console (administrators). */
export function WorkbenchNav() {
  const me = useMe();
  const t = useT();
  const links = [
    { to: '/workbench', label: t('workbench.nav.queues'), show: true },
    { to: '/workbench/window', label: t('workbench.nav.window'), show: holdsAny(me.data, ['cases.window']) },
    { to: '/admin', label: t('workbench.nav.admin'), show: holdsAny(me.data, ADMIN_PERMISSIONS) },
  ].filter((link) => link.show);
  return (
    <nav className="workbench-nav" aria-label={t('workbench.nav.label')}>
      <ul>
        {links.map((link) => (
          <li key={link.to}>
            <NavLink to={link.to} end>
              {link.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
