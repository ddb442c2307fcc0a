import { NavLink } from 'react-router';
import { useMe } from '../../auth/auth';
import { ADMIN_PERMISSIONS, holdsAny } from './staff';

/** The workbench's own links: queues, one-window acceptance (clerks), the console (administrators). */
export function WorkbenchNav() {
  const me = useMe();
  const links = [
    { to: '/workbench', label: '办件队列', show: true },
    { to: '/workbench/window', label: '一窗受理', show: holdsAny(me.data, ['cases.window']) },
    { to: '/admin', label: '管理后台', show: holdsAny(me.data, ADMIN_PERMISSIONS) },
  ].filter((link) => link.show);
  return (
    <nav className="workbench-nav" aria-label="工作台导航">
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
