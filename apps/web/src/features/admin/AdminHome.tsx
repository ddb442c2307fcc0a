import { Link } from 'react-router';
import { useMe } from '../../auth/auth';
import { Panel } from '../../shared/Panel';
import { holdsAny } from '../workbench/staff';
import { WorkbenchNav } from '../workbench/WorkbenchNav';

/** The console's sections, each shown only to those holding its permission. */
export const ADMIN_SECTIONS = [
  {
    to: '/admin/catalogue',
    title: '事项目录',
    text: '编辑办事指南、材料、表单和流程，质量检查后发布新版本。',
    permissions: ['catalogue.manage'],
  },
  {
    to: '/admin/staff',
    title: '工作人员与角色',
    text: '开设工作人员账户，按部门或地区授予岗位角色。',
    permissions: ['identity.accounts.manage', 'identity.roles.manage'],
  },
  {
    to: '/admin/clients',
    title: '接入系统（统一登录）',
    text: '登记部门业务系统为统一身份认证的接入方。',
    permissions: ['identity.clients.manage'],
  },
  {
    to: '/admin/calendar',
    title: '工作日历',
    text: '按国务院办公厅通知录入节假日和调休上班日。',
    permissions: ['calendar.manage'],
  },
  {
    to: '/admin/licences',
    title: '证照类型与电子印章',
    text: '电子证照类型目录和各部门电子印章。',
    permissions: ['licences.manage'],
  },
  {
    to: '/admin/departments',
    title: '部门与区划',
    text: '各级部门及其所属行政区划。',
    permissions: ['org.department.manage'],
  },
] as const;

export function AdminHome() {
  const me = useMe();
  const sections = ADMIN_SECTIONS.filter((section) => holdsAny(me.data, section.permissions));
  return (
    <section className="page-section" aria-labelledby="admin-heading">
      <title>管理后台 - 一网通办</title>
      <h1 id="admin-heading" className="page-title">
        管理后台
      </h1>
      <WorkbenchNav />
      <div className="admin-grid">
        {sections.map((section) => (
          <Panel key={section.to} title={section.title}>
            <p>{section.text}</p>
            <Link to={section.to}>进入{section.title}</Link>
          </Panel>
        ))}
      </div>
    </section>
  );
}
