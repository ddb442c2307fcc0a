import type { MessageKey } from '../../shared/i18n';

/** The console's sections, each shown only to those holding its permission. */
export const ADMIN_SECTIONS: readonly {
  to: string;
  title: MessageKey;
  text: string;
  permissions: readonly string[];
}[] = [
  {
    to: '/admin/catalogue',
    title: 'admin.catalogue.title',
    text: '实施清单的办事指南、材料、表单和流程，质量检查后发布新版本；批量导入导出。',
    permissions: ['catalogue.manage'],
  },
  {
    to: '/admin/basic-items',
    title: 'admin.basicItems.title',
    text: '基本目录事项的六要素、行使层级和别名（同一事项、同一标准、同一编码）。',
    permissions: ['catalogue.manage'],
  },
  {
    to: '/admin/staff',
    title: 'admin.staff.title',
    text: '开设工作人员账户，按部门或地区授予岗位角色。',
    permissions: ['identity.accounts.manage', 'identity.roles.manage'],
  },
  {
    to: '/admin/clients',
    title: 'admin.clients.title',
    text: '登记部门业务系统为统一身份认证的接入方。',
    permissions: ['identity.clients.manage'],
  },
  {
    to: '/admin/calendar',
    title: 'admin.calendar.title',
    text: '按国务院办公厅通知录入节假日和调休上班日。',
    permissions: ['calendar.manage'],
  },
  {
    to: '/admin/licences',
    title: 'admin.licences.title',
    text: '电子证照类型目录（照面信息、有效期、模板）和各部门电子印章的制发、停用与撤销。',
    permissions: ['licences.manage'],
  },
  {
    to: '/admin/departments',
    title: 'admin.departments.title',
    text: '各级部门（统一社会信用代码、条线、上级部门）和行政区划。',
    permissions: ['org.department.manage'],
  },
  {
    to: '/admin/webhooks',
    title: 'admin.webhooks.title',
    text: '部门业务系统订阅本部门的办件事件（HMAC-SHA256 签名推送）；查看推送记录，重新发送失败的推送。',
    permissions: ['cases.integrate'],
  },
];
