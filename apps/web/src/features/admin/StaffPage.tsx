import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Drawer, Empty, Form, Input, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { apiGet, apiSend, userMessageOf } from '../../api/client';
import type { ResponseOf } from '../../api/types';
import { useT } from '../../shared/i18n';
import { Panel } from '../../shared/Panel';
import { QueryErrorAlert } from '../../shared/QueryErrorAlert';
import { AdminNav, AdminTitle } from './AdminNav';
import { DepartmentSelect } from './DepartmentSelect';

type Account = ResponseOf<'/api/v1/identity/accounts', 'get'>['items'][number];
const PAGE_SIZE = 20;

/** 工作人员与角色: staff accounts (searched and paged by the server), new accounts, role grants. */
export function StaffPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const page = Number(params.get('page') ?? '1') || 1;
  const [selected, setSelected] = useState<Account | null>(null);
  const accounts = useQuery({
    queryKey: ['admin', 'staff', q, page],
    queryFn: ({ signal }) =>
      apiGet('/api/v1/identity/accounts', {
        query: { kind: 'staff', ...(q ? { q } : {}), page, pageSize: PAGE_SIZE },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
  return (
    <section className="page-section" aria-labelledby="staff-heading">
      <AdminTitle page={t('admin.staff.title')} />
      <h1 id="staff-heading" className="page-title">
        {t('admin.staff.title')}
      </h1>
      <AdminNav />
      <div className="stack">
        <Panel title={t('admin.staff.list')}>
          <Input.Search
            defaultValue={q}
            allowClear
            aria-label="搜索工作人员"
            placeholder="姓名或用户名"
            onSearch={(value) => setParams(value.trim() ? { q: value.trim() } : {})}
            className="workbench-search"
          />
          {accounts.isError ? (
            <QueryErrorAlert
              title="工作人员加载失败"
              error={accounts.error}
              onRetry={() => void accounts.refetch()}
            />
          ) : (
            <Table
              rowKey="id"
              size="middle"
              className="top-gap"
              loading={accounts.isFetching}
              dataSource={accounts.data?.items ?? []}
              scroll={{ x: 700 }}
              locale={{ emptyText: <Empty description="没有匹配的工作人员" /> }}
              columns={[
                { title: t('admin.col.personName'), dataIndex: 'name' },
                { title: t('admin.col.username'), dataIndex: 'username' },
                {
                  title: t('admin.col.status'),
                  key: 'status',
                  render: (_, row) => (
                    <Space>
                      <Tag color={row.status === 'active' ? 'green' : 'default'}>
                        {row.status === 'active' ? '正常' : '停用'}
                      </Tag>
                      {row.totpEnabled ? <Tag>已绑定动态码</Tag> : <Tag color="orange">未绑定动态码</Tag>}
                    </Space>
                  ),
                },
                {
                  title: t('admin.col.roles'),
                  key: 'roles',
                  render: (_, row) => (
                    <Button
                      size="small"
                      onClick={() => setSelected(row)}
                      aria-label={`${t('admin.staff.manageRoles')} ${row.name}`}
                    >
                      {t('admin.staff.manageRoles')}
                    </Button>
                  ),
                },
              ]}
              pagination={{
                current: page,
                pageSize: PAGE_SIZE,
                total: accounts.data?.total ?? 0,
                showSizeChanger: false,
                onChange: (next) => setParams({ ...(q ? { q } : {}), page: String(next) }),
              }}
            />
          )}
        </Panel>
        <NewStaff />
      </div>
      {selected ? <RolesDrawer account={selected} onClose={() => setSelected(null)} /> : null}
    </section>
  );
}

function NewStaff() {
  const t = useT();
  const [form] = Form.useForm();
  const client = useQueryClient();
  const create = useMutation({
    mutationFn: async () => {
      const values = await form.validateFields();
      return apiSend('post', '/api/v1/identity/staff', { body: values });
    },
    onSuccess: () => {
      form.resetFields();
      void client.invalidateQueries({ queryKey: ['admin', 'staff'] });
    },
  });
  return (
    <Panel title={t('admin.staff.new')}>
      <Form form={form} layout="vertical">
        <Form.Item name="name" label="姓名" rules={[{ required: true, min: 2 }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="username"
          label="用户名"
          rules={[
            {
              required: true,
              pattern: /^[a-z][a-z0-9._-]{2,39}$/,
              message: '小写字母开头，3–40 位字母、数字或 . _ -',
            },
          ]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="departmentId" label="所属部门" rules={[{ required: true, message: '请选择部门' }]}>
          <DepartmentSelect />
        </Form.Item>
        <Form.Item
          name="regionCode"
          label="行政区划代码"
          rules={[{ required: true, pattern: /^\d{6}(\d{6})?$/, message: '6 位或 12 位区划代码' }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="password"
          label="初始密码"
          rules={[{ required: true, min: 10, message: '至少 10 位' }]}
          extra="首次登录须绑定动态验证码（TOTP）"
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
      <Button type="primary" onClick={() => create.mutate()} loading={create.isPending}>
        {t('admin.staff.create')}
      </Button>
      {create.isSuccess ? (
        <Alert className="top-gap" type="success" showIcon title="账户已开设，请为其授予角色。" />
      ) : null}
      {create.isError ? (
        <Alert className="top-gap" type="error" showIcon title={userMessageOf(create.error)} />
      ) : null}
    </Panel>
  );
}

function RolesDrawer({ account, onClose }: { account: Account; onClose: () => void }) {
  const t = useT();
  const client = useQueryClient();
  const key = ['admin', 'roles', account.id];
  const grants = useQuery({
    queryKey: key,
    queryFn: ({ signal }) =>
      apiGet('/api/v1/identity/accounts/{id}/roles', { path: { id: account.id }, signal }),
  });
  const roles = useQuery({
    queryKey: ['admin', 'role-list'],
    queryFn: ({ signal }) => apiGet('/api/v1/identity/roles', { signal }),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const [form] = Form.useForm();
  const grant = useMutation({
    mutationFn: async () => {
      const values = await form.validateFields();
      return apiSend('post', '/api/v1/identity/accounts/{id}/roles', {
        path: { id: account.id },
        body: values,
      });
    },
    onSuccess: () => void client.invalidateQueries({ queryKey: key }),
  });
  const revoke = useMutation({
    mutationFn: (grantId: string) =>
      apiSend('delete', '/api/v1/identity/role-grants/{grantId}', { path: { grantId } }),
    onSuccess: () => void client.invalidateQueries({ queryKey: key }),
  });
  return (
    <Drawer open title={`${account.name} 的角色`} onClose={onClose} size={520}>
      {grants.isError ? (
        <QueryErrorAlert title="角色加载失败" error={grants.error} onRetry={() => void grants.refetch()} />
      ) : (
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          loading={grants.isPending}
          dataSource={grants.data?.items ?? []}
          locale={{ emptyText: <Empty description="尚未授予角色" /> }}
          columns={[
            { title: '角色', dataIndex: 'roleName' },
            {
              title: '范围',
              key: 'scope',
              render: (_, g) => (g.regionCode ? `区划 ${g.regionCode}` : g.departmentId ? '本部门' : '全部'),
            },
            {
              title: '操作',
              key: 'revoke',
              render: (_, g) => (
                <Button
                  size="small"
                  danger
                  onClick={() => revoke.mutate(g.id)}
                  loading={revoke.isPending && revoke.variables === g.id}
                >
                  收回
                </Button>
              ),
            },
          ]}
        />
      )}
      <Form
        form={form}
        layout="vertical"
        className="top-gap"
        initialValues={{ departmentId: account.departmentId ?? undefined }}
      >
        <Form.Item name="role" label="授予角色" rules={[{ required: true, message: '请选择角色' }]}>
          <Select options={(roles.data?.items ?? []).map((r) => ({ value: r.role, label: r.name }))} />
        </Form.Item>
        <Form.Item name="departmentId" label="适用部门">
          <DepartmentSelect />
        </Form.Item>
      </Form>
      <Button type="primary" onClick={() => grant.mutate()} loading={grant.isPending}>
        {t('admin.staff.grant')}
      </Button>
      {grant.isError || revoke.isError ? (
        <Alert className="top-gap" type="error" showIcon title={userMessageOf(grant.error ?? revoke.error)} />
      ) : null}
    </Drawer>
  );
}
