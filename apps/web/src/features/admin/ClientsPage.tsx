import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Empty, Form, Input, Modal, Select, Table, Tag, Typography } from 'antd';
import { apiGet, apiSend, userMessageOf } from '../../api/client';
import type { ResponseOf } from '../../api/types';
import { useT } from '../../shared/i18n';
import { Panel } from '../../shared/Panel';
import { QueryErrorAlert } from '../../shared/QueryErrorAlert';
import { AdminNav, AdminTitle } from './AdminNav';
import { DepartmentSelect } from './DepartmentSelect';

type Created = ResponseOf<'/api/v1/identity/clients', 'post'>;
const SCOPES = ['openid', 'profile', 'phone', 'identity', 'staff', 'offline_access', 'api'] as const;

/** 接入系统: department systems registered as relying parties of the unified login (OIDC). */
export function ClientsPage() {
  const t = useT();
  const client = useQueryClient();
  const clients = useQuery({
    queryKey: ['admin', 'clients'],
    queryFn: ({ signal }) => apiGet('/api/v1/identity/clients', { signal }),
  });
  const [form] = Form.useForm();
  const register = useMutation({
    mutationFn: async (): Promise<Created> => {
      const values = await form.validateFields();
      return apiSend('post', '/api/v1/identity/clients', {
        body: {
          name: values.name,
          departmentId: values.departmentId,
          redirectUris: String(values.redirectUris).split(/\s+/).filter(Boolean),
          scopes: values.scopes,
          authMethod: 'client_secret_basic',
        },
      });
    },
    onSuccess: () => {
      form.resetFields();
      void client.invalidateQueries({ queryKey: ['admin', 'clients'] });
    },
  });
  return (
    <section className="page-section" aria-labelledby="clients-heading">
      <AdminTitle page={t('admin.clients.title')} />
      <h1 id="clients-heading" className="page-title">
        {t('admin.clients.title')}
      </h1>
      <AdminNav />
      <div className="stack">
        <Panel title={t('admin.clients.list')}>
          {clients.isError ? (
            <QueryErrorAlert
              title="接入系统加载失败"
              error={clients.error}
              onRetry={() => void clients.refetch()}
            />
          ) : (
            <Table
              rowKey="clientId"
              size="middle"
              loading={clients.isPending}
              dataSource={clients.data?.items ?? []}
              scroll={{ x: 700 }}
              pagination={{ pageSize: 20, showSizeChanger: false }}
              locale={{ emptyText: <Empty description="尚无接入系统" /> }}
              columns={[
                { title: t('admin.col.name'), dataIndex: 'name' },
                { title: t('admin.col.clientId'), dataIndex: 'clientId' },
                {
                  title: t('admin.col.redirectUris'),
                  key: 'uris',
                  render: (_, c) => c.redirectUris.join(' '),
                },
                {
                  title: t('admin.col.status'),
                  key: 'status',
                  render: (_, c) => (
                    <Tag color={c.status === 'active' ? 'green' : 'default'}>
                      {c.status === 'active' ? '启用' : '停用'}
                    </Tag>
                  ),
                },
              ]}
            />
          )}
        </Panel>
        <Panel title={t('admin.clients.new')}>
          <Form form={form} layout="vertical" initialValues={{ scopes: ['openid', 'profile'] }}>
            <Form.Item name="name" label="系统名称" rules={[{ required: true, min: 2 }]}>
              <Input />
            </Form.Item>
            <Form.Item
              name="departmentId"
              label="所属部门"
              rules={[{ required: true, message: '请选择部门' }]}
            >
              <DepartmentSelect />
            </Form.Item>
            <Form.Item
              name="redirectUris"
              label="回调地址（多个用空格分隔，须为 https）"
              rules={[{ required: true }]}
            >
              <Input />
            </Form.Item>
            <Form.Item name="scopes" label="授权范围" rules={[{ required: true }]}>
              <Select mode="multiple" options={SCOPES.map((s) => ({ value: s, label: s }))} />
            </Form.Item>
          </Form>
          <Button type="primary" onClick={() => register.mutate()} loading={register.isPending}>
            {t('admin.clients.register')}
          </Button>
          {register.isError ? (
            <Alert className="top-gap" type="error" showIcon title={userMessageOf(register.error)} />
          ) : null}
        </Panel>
      </div>
      <Modal
        open={Boolean(register.data)}
        title="系统已登记"
        onCancel={() => register.reset()}
        onOk={() => register.reset()}
        okText="我已妥善保存"
        // The secret leaves the page once the dialog is closed (antd keeps a closed dialog's content).
        destroyOnHidden
      >
        <p>client_id：{register.data?.client.clientId}</p>
        {register.data?.clientSecret ? (
          <>
            <Alert
              type="warning"
              showIcon
              title="客户端密钥只显示这一次，平台只保存其摘要。请立即复制并交给系统负责人。"
            />
            <Typography.Paragraph copyable className="secret-once top-gap">
              {register.data.clientSecret}
            </Typography.Paragraph>
          </>
        ) : null}
      </Modal>
    </section>
  );
}
