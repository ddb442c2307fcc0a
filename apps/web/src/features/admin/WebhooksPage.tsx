import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Empty,
  Form,
  Input,
  Modal,
  Popconfirm,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { apiGet, apiSend, userMessageOf } from '../../api/client';
import type { QueryOf, ResponseOf } from '../../api/types';
import { useMe } from '../../auth/auth';
import { type MessageKey, useT } from '../../shared/i18n';
import { CASE_ACTION_LABELS, formatDateTime } from '../../shared/labels';
import { Panel } from '../../shared/Panel';
import { QueryErrorAlert } from '../../shared/QueryErrorAlert';
import { ScrollRegion } from '../workbench/ScrollRegion';
import { AdminNav, AdminTitle } from './AdminNav';
import { markServerErrors } from './admin.forms';
import { optionsOf } from './admin.labels';
import { DepartmentSelect } from './DepartmentSelect';

const SUBSCRIPTIONS = '/api/v1/departments/{id}/case-webhooks';
const DELIVERIES = '/api/v1/departments/{id}/case-webhooks/deliveries';
type Subscription = ResponseOf<typeof SUBSCRIPTIONS, 'get'>['items'][number];
type Delivery = ResponseOf<typeof DELIVERIES, 'get'>['items'][number];
type DeliveryState = NonNullable<QueryOf<typeof DELIVERIES, 'get'>['state']>;

/** Dead first: those are what a person comes here to see (the server's default too). */
const STATES: readonly DeliveryState[] = ['dead', 'pending', 'delivered'];
const PAGE_SIZE = 20;

const isState = (value: string | null): value is DeliveryState => STATES.includes(value as DeliveryState);

/** `case.accept` (an event) or `accept` (a subscribed action) → 受理; one the web does not know stays. */
function eventLabel(event: string): string {
  const action = event.replace(/^case\./, '');
  return Object.hasOwn(CASE_ACTION_LABELS, action)
    ? CASE_ACTION_LABELS[action as keyof typeof CASE_ACTION_LABELS]
    : event;
}

/**
 * 对接系统（办件事件推送）: the department systems subscribed to a department's case events (signed
 * webhooks), a new subscription whose secret is typed once and never shown again, and the deliveries
 * by state — a dead one (its retries used up) sent again once the receiving system is fixed. The
 * department is one of the caller's scope (`cases.integrate`); the server refuses any other.
 */
export function WebhooksPage() {
  const t = useT();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const department = params.get('department') ?? me.data?.scope?.departmentIds?.[0];
  const choose = (value: string | undefined) => setParams(value ? { department: value } : {});
  return (
    <section className="page-section" aria-labelledby="webhooks-heading">
      <AdminTitle page={t('admin.webhooks.title')} />
      <h1 id="webhooks-heading" className="page-title">
        {t('admin.webhooks.title')}
      </h1>
      <AdminNav />
      <div className="admin-filters admin-bottom-gap">
        <label htmlFor="webhooks-department">{t('admin.webhooks.department')}</label>
        <div className="admin-department-pick">
          <DepartmentSelect
            id="webhooks-department"
            value={department}
            onChange={choose}
            regionCode={me.data?.scope?.regionCode}
          />
        </div>
      </div>
      {department ? (
        <div className="stack" key={department}>
          <Subscriptions departmentId={department} />
          <NewSubscription departmentId={department} />
          <Deliveries departmentId={department} />
        </div>
      ) : (
        <Empty description={t('admin.webhooks.pickDepartment')} />
      )}
    </section>
  );
}

/** The query key of a department's subscriptions, for reading and for invalidating after a change. */
const subscriptionsKey = (departmentId: string) => ['admin', 'webhooks', departmentId];

function useSubscriptions(departmentId: string) {
  return useQuery({
    queryKey: subscriptionsKey(departmentId),
    queryFn: ({ signal }) => apiGet(SUBSCRIPTIONS, { path: { id: departmentId }, signal }),
  });
}

function Subscriptions({ departmentId }: { departmentId: string }) {
  const t = useT();
  const client = useQueryClient();
  const subscriptions = useSubscriptions(departmentId);
  // 停用: deliveries still waiting are dropped and no new ones are queued until it is switched on.
  const toggle = useMutation({
    mutationFn: ({ id, active }: { id: string; active: boolean }) =>
      apiSend('patch', '/api/v1/departments/{id}/case-webhooks/{subscriptionId}', {
        path: { id: departmentId, subscriptionId: id },
        body: { active },
      }),
    onSettled: () => void client.invalidateQueries({ queryKey: subscriptionsKey(departmentId) }),
  });
  // 删除: the same as switching off for waiting deliveries, and it leaves the list.
  const remove = useMutation({
    mutationFn: (id: string) =>
      apiSend('delete', '/api/v1/departments/{id}/case-webhooks/{subscriptionId}', {
        path: { id: departmentId, subscriptionId: id },
      }),
    onSettled: () => void client.invalidateQueries({ queryKey: subscriptionsKey(departmentId) }),
  });
  const [rekeying, setRekeying] = useState<Subscription | null>(null);
  const failed = toggle.error ?? remove.error;
  return (
    <Panel title={t('admin.webhooks.list')}>
      {failed ? (
        <Alert className="admin-bottom-gap" type="error" showIcon title={userMessageOf(failed)} />
      ) : null}
      {rekeying ? (
        <Rekey departmentId={departmentId} subscription={rekeying} onClose={() => setRekeying(null)} />
      ) : null}
      {subscriptions.isError ? (
        <QueryErrorAlert
          title="对接系统加载失败"
          error={subscriptions.error}
          onRetry={() => void subscriptions.refetch()}
        />
      ) : (
        <ScrollRegion label={t('admin.webhooks.listTable')} minWidth={700}>
          <Table<Subscription>
            rowKey="id"
            size="middle"
            loading={subscriptions.isPending}
            dataSource={subscriptions.data?.items ?? []}
            pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
            locale={{ emptyText: <Empty description="该部门尚未接入业务系统" /> }}
            columns={[
              {
                title: t('admin.col.url'),
                dataIndex: 'url',
                render: (url: string) => <span className="admin-url">{url}</span>,
              },
              {
                title: t('admin.col.events'),
                key: 'actions',
                render: (_, row) =>
                  row.actions.length === 0 ? (
                    <Tag>全部事件</Tag>
                  ) : (
                    <Space size={[0, 4]} wrap>
                      {row.actions.map((action) => (
                        <Tag key={action}>{eventLabel(action)}</Tag>
                      ))}
                    </Space>
                  ),
              },
              {
                title: t('admin.col.status'),
                key: 'active',
                render: (_, row) => (
                  <Tag color={row.active ? 'green' : 'default'}>{row.active ? '启用' : '停用'}</Tag>
                ),
              },
              {
                title: t('admin.col.createdAt'),
                dataIndex: 'createdAt',
                render: (at: string) => formatDateTime(at),
              },
              {
                title: t('admin.col.actions'),
                key: 'toggle',
                render: (_, row) => (
                  <Space size={4} wrap>
                    <Button
                      size="small"
                      danger={row.active}
                      aria-label={`${t(row.active ? 'admin.webhooks.deactivate' : 'admin.webhooks.activate')} ${row.url}`}
                      loading={toggle.isPending && toggle.variables?.id === row.id}
                      onClick={() => toggle.mutate({ id: row.id, active: !row.active })}
                    >
                      {t(row.active ? 'admin.webhooks.deactivate' : 'admin.webhooks.activate')}
                    </Button>
                    <Button
                      size="small"
                      aria-label={`${t('admin.webhooks.rekey')} ${row.url}`}
                      onClick={() => setRekeying(row)}
                    >
                      {t('admin.webhooks.rekey')}
                    </Button>
                    <Popconfirm
                      title={t('admin.webhooks.removeConfirm')}
                      okText={t('admin.webhooks.remove')}
                      okButtonProps={{ danger: true }}
                      cancelText="取消"
                      onConfirm={() => remove.mutateAsync(row.id).catch(() => undefined)}
                    >
                      <Button
                        size="small"
                        danger
                        aria-label={`${t('admin.webhooks.remove')} ${row.url}`}
                        loading={remove.isPending && remove.variables === row.id}
                      >
                        {t('admin.webhooks.remove')}
                      </Button>
                    </Popconfirm>
                  </Space>
                ),
              },
            ]}
          />
        </ScrollRegion>
      )}
    </Panel>
  );
}

/** The HMAC secret, typed once: the server's limits (32–200), never shown again. */
function SecretField({ label }: { label: string }) {
  return (
    <Form.Item
      name="secret"
      label={label}
      extra="至少 32 位，保存后不再显示"
      rules={[{ required: true, min: 32, max: 200, message: '32–200 位' }]}
    >
      <Input.Password autoComplete="new-password" />
    </Form.Item>
  );
}

/** 更换密钥: a new HMAC secret for one subscription, entered once like the first. */
function Rekey({
  departmentId,
  subscription,
  onClose,
}: {
  departmentId: string;
  subscription: Subscription;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ secret: string }>();
  const rekey = useMutation({
    mutationFn: (secret: string) =>
      apiSend('patch', '/api/v1/departments/{id}/case-webhooks/{subscriptionId}', {
        path: { id: departmentId, subscriptionId: subscription.id },
        body: { secret },
      }),
    onSuccess: () => {
      void message.success(t('admin.webhooks.rekeyDone'));
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('admin.webhooks.rekeyTitle')}
      okText={t('admin.webhooks.rekey')}
      cancelText="取消"
      confirmLoading={rekey.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <p className="admin-url">{subscription.url}</p>
      <Alert className="admin-bottom-gap" type="info" showIcon title={t('admin.webhooks.rekeyHint')} />
      <Form form={form} name="rekey" layout="vertical" onFinish={(values) => rekey.mutate(values.secret)}>
        <SecretField label="新的签名密钥" />
      </Form>
      {rekey.isError ? <Alert type="error" showIcon title={userMessageOf(rekey.error)} /> : null}
    </Modal>
  );
}

interface SubscriptionValues {
  url: string;
  secret: string;
  actions?: string[];
}

function NewSubscription({ departmentId }: { departmentId: string }) {
  const t = useT();
  const client = useQueryClient();
  const [form] = Form.useForm<SubscriptionValues>();
  // A refusal the form shows by its fields needs no second, general message below.
  const [byFields, setByFields] = useState(false);
  const subscribe = useMutation({
    mutationFn: (values: SubscriptionValues) =>
      apiSend('post', SUBSCRIPTIONS, {
        path: { id: departmentId },
        body: { url: values.url.trim(), secret: values.secret, actions: values.actions ?? [] },
      }),
    onSuccess: () => {
      // The secret leaves the page with the form's values.
      form.resetFields();
      void client.invalidateQueries({ queryKey: subscriptionsKey(departmentId) });
    },
    onError: (error) => setByFields(markServerErrors(form, error)),
  });
  return (
    <Panel title={t('admin.webhooks.new')}>
      <Alert
        type="info"
        showIcon
        className="admin-bottom-gap"
        title="密钥只在这里输入一次：平台加密保存，之后任何人（包括您）都无法再查看。请先把它交给对接系统的负责人，对接系统用它校验每次推送的签名（x-yiwang-signature，HMAC-SHA256）。"
      />
      <Form<SubscriptionValues>
        form={form}
        layout="vertical"
        onFinish={(values) => subscribe.mutate(values)}
        onValuesChange={() => {
          if (!subscribe.isPending) subscribe.reset();
        }}
      >
        <Form.Item
          name="url"
          label="推送地址"
          extra="对接系统接收办件事件的地址，以 https:// 开头（http:// 仅用于本机或内网测试）"
          rules={[{ required: true, whitespace: true, message: '请填写推送地址' }]}
        >
          <Input inputMode="url" autoComplete="off" placeholder="https://" />
        </Form.Item>
        <SecretField label="签名密钥" />
        <Form.Item name="actions" label="推送的事件（不选则推送全部事件）">
          <Select mode="multiple" allowClear options={optionsOf(CASE_ACTION_LABELS)} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={subscribe.isPending}>
          {t('admin.webhooks.subscribe')}
        </Button>
      </Form>
      {subscribe.isSuccess ? (
        <Alert
          className="top-gap"
          type="success"
          showIcon
          title="订阅已保存。密钥已加密保存，今后不会再显示。"
        />
      ) : null}
      {subscribe.isError && !byFields ? (
        <Alert className="top-gap" type="error" showIcon title={userMessageOf(subscribe.error)} />
      ) : null}
    </Panel>
  );
}

const STATE_LABELS: Record<DeliveryState, MessageKey> = {
  dead: 'admin.webhooks.state.dead',
  pending: 'admin.webhooks.state.pending',
  delivered: 'admin.webhooks.state.delivered',
};

function Deliveries({ departmentId }: { departmentId: string }) {
  const t = useT();
  const client = useQueryClient();
  const [params, setParams] = useSearchParams();
  const raw = params.get('state');
  const state: DeliveryState = isState(raw) ? raw : 'dead';
  const page = Number(params.get('page') ?? '1') || 1;
  const show = (next: { state?: DeliveryState; page?: number }) =>
    setParams((current) => {
      const updated = new URLSearchParams(current);
      updated.set('department', departmentId);
      updated.set('state', next.state ?? state);
      updated.set('page', String(next.page ?? 1));
      return updated;
    });
  const key = ['admin', 'webhook-deliveries', departmentId];
  const deliveries = useQuery({
    queryKey: [...key, state, page],
    queryFn: ({ signal }) =>
      apiGet(DELIVERIES, { path: { id: departmentId }, query: { state, page, pageSize: PAGE_SIZE }, signal }),
    placeholderData: keepPreviousData,
  });
  const subscriptions = useSubscriptions(departmentId);
  const urlOf = new Map((subscriptions.data?.items ?? []).map((s) => [s.id, s.url]));
  const resend = useMutation({
    mutationFn: (messageId: number) =>
      apiSend('post', '/api/v1/departments/{id}/case-webhooks/deliveries/{messageId}/retry', {
        path: { id: departmentId, messageId },
      }),
    // Either way the list may be stale (another administrator may have sent it again meanwhile).
    onSettled: () => void client.invalidateQueries({ queryKey: key }),
  });
  return (
    <Panel
      title={t('admin.webhooks.deliveries')}
      extra={
        <Button size="small" onClick={() => void deliveries.refetch()} loading={deliveries.isFetching}>
          {t('admin.webhooks.refresh')}
        </Button>
      }
    >
      <Segmented<DeliveryState>
        aria-label={t('admin.webhooks.states')}
        value={state}
        options={STATES.map((value) => ({ value, label: t(STATE_LABELS[value]) }))}
        onChange={(value) => {
          resend.reset();
          show({ state: value });
        }}
      />
      {resend.isSuccess ? (
        <Alert
          className="top-gap"
          type="success"
          showIcon
          title={`第 ${resend.data.messageId} 条推送已重新排队，平台将立即再次投递（尝试次数从零计）。`}
        />
      ) : null}
      {resend.isError ? (
        <Alert className="top-gap" type="error" showIcon title={userMessageOf(resend.error)} />
      ) : null}
      {deliveries.isError ? (
        <QueryErrorAlert
          title="推送记录加载失败"
          error={deliveries.error}
          onRetry={() => void deliveries.refetch()}
        />
      ) : (
        <ScrollRegion label={t('admin.webhooks.deliveriesTable')} minWidth={900}>
          <Table<Delivery>
            rowKey="messageId"
            size="middle"
            className="top-gap"
            loading={deliveries.isFetching}
            dataSource={deliveries.data?.items ?? []}
            locale={{ emptyText: <Empty description={`没有${t(STATE_LABELS[state])}的推送`} /> }}
            columns={[
              { title: t('admin.col.messageId'), dataIndex: 'messageId', width: 80 },
              {
                title: t('admin.col.events'),
                key: 'event',
                // The label, and the name the system receives in x-yiwang-event.
                render: (_, row) => `${eventLabel(row.event)}（${row.event}）`,
              },
              {
                title: t('admin.col.url'),
                key: 'url',
                render: (_, row) => <span className="admin-url">{urlOf.get(row.subscriptionId) ?? '—'}</span>,
              },
              { title: t('admin.col.attempts'), dataIndex: 'attempts', width: 100 },
              {
                title: t('admin.col.lastError'),
                dataIndex: 'lastError',
                render: (error: string | null) => error ?? '—',
              },
              {
                title: t('admin.col.createdAt'),
                dataIndex: 'createdAt',
                render: (at: string) => formatDateTime(at),
              },
              ...(state === 'pending'
                ? []
                : [
                    {
                      title: t(state === 'dead' ? 'admin.col.deadAt' : 'admin.col.deliveredAt'),
                      key: 'at',
                      render: (_: unknown, row: Delivery) => {
                        const at = state === 'dead' ? row.deadAt : row.deliveredAt;
                        return at ? formatDateTime(at) : '—';
                      },
                    },
                  ]),
              ...(state === 'dead'
                ? [
                    {
                      title: t('admin.col.actions'),
                      key: 'resend',
                      render: (_: unknown, row: Delivery) => (
                        <Button
                          size="small"
                          onClick={() => resend.mutate(row.messageId)}
                          loading={resend.isPending && resend.variables === row.messageId}
                          aria-label={`${t('admin.webhooks.resend')} ${row.messageId}`}
                        >
                          {t('admin.webhooks.resend')}
                        </Button>
                      ),
                    },
                  ]
                : []),
            ]}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: deliveries.data?.total ?? 0,
              showSizeChanger: false,
              onChange: (next) => show({ page: next }),
            }}
          />
        </ScrollRegion>
      )}
    </Panel>
  );
}
