import { Link } from 'react-router';
import { useMe } from '../../auth/auth';
import { useT } from '../../shared/i18n';
import { Panel } from '../../shared/Panel';
import { holdsAny } from '../workbench/staff';
import { AdminNav } from './AdminNav';
import { ADMIN_SECTIONS } from './admin.sections';

export function AdminHome() {
  const me = useMe();
  const t = useT();
  const sections = ADMIN_SECTIONS.filter((section) => holdsAny(me.data, section.permissions));
  return (
    <section className="page-section" aria-labelledby="admin-heading">
      <title>{`${t('admin.title')} - ${t('app.name')}`}</title>
      <h1 id="admin-heading" className="page-title">
        {t('admin.title')}
      </h1>
      <AdminNav />
      <div className="admin-grid">
        {sections.map((section) => (
          <Panel key={section.to} title={t(section.title)}>
            <p>{section.text}</p>
            <Link to={section.to}>
              {t('admin.enter')} {t(section.title)}
            </Link>
          </Panel>
        ))}
      </div>
    </section>
  );
}
