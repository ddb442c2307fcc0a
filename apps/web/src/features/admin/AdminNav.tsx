import { NavLink } from 'react-router';
import { useMe } from '../../auth/auth';
import { useT } from '../../shared/i18n';
import { holdsAny } from '../workbench/staff';
import { ADMIN_SECTIONS } from './admin.sections';

/** The console's navigation: back to the queues, the overview and the sections the caller may use. */
export function AdminNav() {
  const me = useMe();
  const t = useT();
  const links = [
    { to: '/workbench', label: t('admin.nav.queues') },
    { to: '/admin', label: t('admin.nav.home') },
    ...ADMIN_SECTIONS.filter((section) => holdsAny(me.data, section.permissions)).map((section) => ({
      to: section.to,
      label: t(section.title),
    })),
  ];
  return (
    <nav className="workbench-nav" aria-label={t('admin.nav')}>
      <ul>
        {links.map((link) => (
          <li key={link.to}>
            <NavLink to={link.to} end={link.to === '/admin'}>
              {link.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The title element of a console page: `{page} - 管理后台`. */
export function AdminTitle({ page }: { page: string }) {
  const t = useT();
  return <title>{`${page} - ${t('admin.title')}`}</title>;
}
