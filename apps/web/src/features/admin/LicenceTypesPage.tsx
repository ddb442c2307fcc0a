import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Drawer,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Switch,
  Table,
  Tag,
} from 'antd';
import { useState } from 'react';
import { apiGet, apiSend, userMessageOf } from '../../api/client';
import type { ResponseOf } from '../../api/types';
import { useT } from '../../shared/i18n';
import { Panel } from '../../shared/Panel';
import { QueryErrorAlert } from '../../shared/QueryErrorAlert';
import { AdminNav, AdminTitle } from './AdminNav';
import { markServerErrors } from './admin.forms';
import { DepartmentSelect } from './DepartmentSelect';

type LicenceType = ResponseOf<'/api/v1/licence-types', 'get'>['items'][number];
type Seal = ResponseOf<'/api/v1/licences/seals', 'get'>['items'][number];
type SealStatus = Seal['status'];

const SEAL_KINDS = ['公章', '行政审批专用章', '电子证照专用章', '业务专用章'] as const;
const HOLDER_KINDS = [
  { value: 'person', label: '自然人' },
  { value: 'enterprise', label: '法人和其他组织' },
  { value: 'either', label: '均可' },
];
const FIELD_TYPES = [
  { value: 'text', label: '文本' },
  { value: 'date', label: '日期' },
  { value: 'number', label: '数字' },
];

/** 证照类型与电子印章: the licence-type catalogue (add, change) and the seals of the caller's departments. */
export function LicenceTypesPage() {
  const t = useT();
  const [editing, setEditing] = useState<LicenceType | 'new' | null>(null);
  const types = useQuery({
    queryKey: ['admin', 'licence-types'],
    queryFn: ({ signal }) => apiGet('/api/v1/licence-types', { signal }),
  });
  return (
    <section className="page-section" aria-labelledby="licence-types-heading">
      <AdminTitle page={t('admin.licences.title')} />
      <h1 id="licence-types-heading" className="page-title">
        {t('admin.licences.title')}
      </h1>
      <AdminNav />
      <div className="stack">
        <Panel title={t('admin.licences.types')}>
          <div className="admin-toolbar">
            <Button type="primary" onClick={() => setEditing('new')}>
              {t('admin.licences.newType')}
            </Button>
          </div>
          {types.isError ? (
            <QueryErrorAlert
              title="证照类型加载失败"
              error={types.error}
              onRetry={() => void types.refetch()}
            />
          ) : (
            <Table
              rowKey="code"
              size="small"
              loading={types.isPending}
              dataSource={types.data?.items ?? []}
              pagination={{ pageSize: 20, showSizeChanger: false }}
              scroll={{ x: 760 }}
              locale={{ emptyText: <Empty description="尚无证照类型" /> }}
              columns={[
                { title: t('admin.col.code'), dataIndex: 'code' },
                { title: t('admin.col.name'), dataIndex: 'name' },
                { title: t('admin.col.definingDepartment'), dataIndex: 'definingDepartment' },
                {
                  title: t('admin.col.validity'),
                  key: 'validity',
                  render: (_, type) => (type.validity.years ? `${type.validity.years} 年` : '长期'),
                },
                {
                  title: t('admin.col.status'),
                  key: 'active',
                  render: (_, type) =>
                    type.active === false ? <Tag>停用</Tag> : <Tag color="green">启用</Tag>,
                },
                {
                  title: t('admin.col.actions'),
                  key: 'edit',
                  render: (_, type) => (
                    <Button
                      size="small"
                      onClick={() => setEditing(type)}
                      aria-label={`${t('admin.action.edit')} ${type.name}`}
                    >
                      {t('admin.action.edit')}
                    </Button>
                  ),
                },
              ]}
            />
          )}
        </Panel>
        <SealsPanel />
      </div>
      {editing ? (
        <LicenceTypeDrawer type={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      ) : null}
    </section>
  );
}

interface TypeForm extends Omit<LicenceType, 'validity'> {
  longTerm: boolean;
  years?: number;
  adjustable: boolean;
}

function LicenceTypeDrawer({ type, onClose }: { type: LicenceType | null; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<TypeForm>();
  const client = useQueryClient();
  const longTerm = Form.useWatch('longTerm', form);
  const save = useMutation({
    mutationFn: async () => {
      const { longTerm: isLongTerm, years, adjustable, ...values } = await form.validateFields();
      const body: LicenceType = {
        ...values,
        template: {
          ...values.template,
          ...(values.template.footnote ? {} : { footnote: undefined }),
        },
        fields: values.fields.map((field) => ({
          ...field,
          ...(field.maxLength ? {} : { maxLength: undefined }),
        })),
        validity: { years: isLongTerm ? null : (years ?? 1), adjustable },
      };
      if (type) {
        return apiSend('put', '/api/v1/licence-types/{code}', { path: { code: type.code }, body });
      }
      return apiSend('post', '/api/v1/licence-types', { body });
    },
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['admin', 'licence-types'] });
      onClose();
    },
    onError: (error) => markServerErrors(form, error),
  });
  const initial: Partial<TypeForm> = type
    ? {
        ...type,
        active: type.active !== false,
        longTerm: type.validity.years === null,
        years: type.validity.years ?? undefined,
        adjustable: type.validity.adjustable,
      }
    : {
        holderKind: 'enterprise',
        active: true,
        longTerm: false,
        years: 5,
        adjustable: false,
        template: { title: '', color: '#b7191e', orientation: 'landscape' },
        fields: [{ key: 'name', label: '名称', type: 'text', required: true }],
      };
  return (
    <Drawer
      open
      title={type ? `编辑证照类型 ${type.name}` : t('admin.licences.newType')}
      onClose={onClose}
      size={720}
      footer={
        <Space>
          <Button type="primary" onClick={() => save.mutate()} loading={save.isPending}>
            {t('admin.action.save')}
          </Button>
          <Button onClick={onClose}>{t('admin.action.cancel')}</Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" initialValues={initial}>
        <Form.Item
          name="code"
          label="证照类型代码"
          rules={[{ required: true, pattern: /^[0-9A-Z]{2,40}$/, message: '2–40 位大写字母或数字' }]}
        >
          <Input disabled={!!type} />
        </Form.Item>
        <Form.Item name="name" label="证照名称" rules={[{ required: true, min: 2, max: 50 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="definingDepartment" label="定义部门" rules={[{ required: true, min: 2, max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="holderKind" label="持证主体" rules={[{ required: true }]}>
          <Select options={HOLDER_KINDS} />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="longTerm" label="长期有效" valuePropName="checked">
            <Switch />
          </Form.Item>
          {longTerm ? null : (
            <Form.Item
              name="years"
              label="有效期（年）"
              rules={[{ required: true, type: 'integer', min: 1, max: 100 }]}
            >
              <InputNumber min={1} max={100} />
            </Form.Item>
          )}
          <Form.Item name="adjustable" label="签发时可调整截止日期" valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="active" label="启用" valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
        <fieldset className="admin-fieldset">
          <legend>照面模板</legend>
          <Form.Item name={['template', 'title']} label="标题" rules={[{ required: true, max: 30 }]}>
            <Input />
          </Form.Item>
          <Space wrap>
            <Form.Item
              name={['template', 'color']}
              label="颜色"
              rules={[{ required: true, pattern: /^#[0-9a-fA-F]{6}$/, message: '#rrggbb' }]}
            >
              <Input className="admin-color-input" />
            </Form.Item>
            <Form.Item name={['template', 'orientation']} label="版式" rules={[{ required: true }]}>
              <Select
                className="admin-filter-select"
                options={[
                  { value: 'landscape', label: '横版' },
                  { value: 'portrait', label: '竖版' },
                ]}
              />
            </Form.Item>
          </Space>
          <Form.Item name={['template', 'footnote']} label="页脚说明" rules={[{ max: 200 }]}>
            <Input />
          </Form.Item>
        </fieldset>
        <fieldset className="admin-fieldset">
          <legend>照面信息项</legend>
          <Form.List name="fields">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, index) => (
                  <div key={field.key} className="admin-field-row">
                    <Form.Item
                      name={[field.name, 'key']}
                      label={`信息项 ${index + 1} 标识`}
                      rules={[
                        { required: true, pattern: /^[a-zA-Z][a-zA-Z0-9]{0,39}$/, message: '英文字母开头' },
                      ]}
                    >
                      <Input />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'label']}
                      label="显示名称"
                      rules={[{ required: true, max: 30 }]}
                    >
                      <Input />
                    </Form.Item>
                    <Form.Item name={[field.name, 'type']} label="类型" rules={[{ required: true }]}>
                      <Select options={FIELD_TYPES} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'required']} label="必填" valuePropName="checked">
                      <Switch />
                    </Form.Item>
                    <Button
                      className="admin-field-remove"
                      danger
                      size="small"
                      disabled={fields.length <= 1}
                      onClick={() => remove(field.name)}
                    >
                      删除
                    </Button>
                  </div>
                ))}
                <Button
                  size="small"
                  onClick={() => add({ key: '', label: '', type: 'text', required: false })}
                >
                  添加信息项
                </Button>
              </>
            )}
          </Form.List>
        </fieldset>
      </Form>
      {save.isError ? <Alert type="error" showIcon title={userMessageOf(save.error)} /> : null}
    </Drawer>
  );
}

const STATUS_COLORS: Record<SealStatus, string> = { active: 'green', suspended: 'orange', revoked: 'red' };
/** The changes each status allows (the licences module's own table). */
const SEAL_ACTIONS: Record<
  SealStatus,
  {
    to: SealStatus;
    label: 'admin.licences.suspend' | 'admin.licences.reactivate' | 'admin.licences.revoke';
  }[]
> = {
  active: [
    { to: 'suspended', label: 'admin.licences.suspend' },
    { to: 'revoked', label: 'admin.licences.revoke' },
  ],
  suspended: [
    { to: 'active', label: 'admin.licences.reactivate' },
    { to: 'revoked', label: 'admin.licences.revoke' },
  ],
  revoked: [],
};

function SealsPanel() {
  const t = useT();
  const [making, setMaking] = useState<Partial<SealForm> | null>(null);
  const [changing, setChanging] = useState<{ seal: Seal; to: SealStatus } | null>(null);
  const seals = useQuery({
    queryKey: ['admin', 'seals'],
    queryFn: ({ signal }) => apiGet('/api/v1/licences/seals', { signal }),
  });
  return (
    <Panel title={t('admin.licences.seals')}>
      <div className="admin-toolbar">
        <Button type="primary" onClick={() => setMaking({ kind: '电子证照专用章' })}>
          {t('admin.licences.newSeal')}
        </Button>
      </div>
      {seals.isError ? (
        <QueryErrorAlert title="电子印章加载失败" error={seals.error} onRetry={() => void seals.refetch()} />
      ) : (
        <Table
          rowKey="id"
          size="small"
          loading={seals.isPending}
          dataSource={seals.data?.items ?? []}
          pagination={{ pageSize: 20, showSizeChanger: false }}
          scroll={{ x: 900 }}
          locale={{ emptyText: <Empty description="尚无电子印章" /> }}
          columns={[
            { title: t('admin.col.sealName'), dataIndex: 'name' },
            { title: t('admin.col.sealKind'), dataIndex: 'kind' },
            { title: t('admin.col.sealUser'), dataIndex: 'issuerName' },
            {
              title: t('admin.col.validity'),
              key: 'valid',
              render: (_, s) => `${s.validFrom} ～ ${s.validUntil}`,
            },
            {
              title: t('admin.col.status'),
              key: 'status',
              render: (_, s) => (
                <>
                  <Tag color={STATUS_COLORS[s.status]}>{s.statusLabel}</Tag>
                  {s.statusReason ? <span className="admin-hint">{s.statusReason}</span> : null}
                </>
              ),
            },
            {
              title: t('admin.col.actions'),
              key: 'actions',
              render: (_, s) => (
                <Space wrap>
                  {SEAL_ACTIONS[s.status].map((action) => (
                    <Button
                      key={action.to}
                      size="small"
                      danger={action.to === 'revoked'}
                      onClick={() => setChanging({ seal: s, to: action.to })}
                      aria-label={`${t(action.label)} ${s.name}（${s.kind}）`}
                    >
                      {t(action.label)}
                    </Button>
                  ))}
                  {s.status !== 'revoked' ? (
                    <Button
                      size="small"
                      onClick={() =>
                        setMaking({
                          departmentId: s.departmentId,
                          kind: s.kind as SealForm['kind'],
                          name: s.name,
                        })
                      }
                      aria-label={`更换 ${s.name}（${s.kind}）`}
                    >
                      更换
                    </Button>
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
      )}
      {making ? <MakeSealModal initial={making} onClose={() => setMaking(null)} /> : null}
      {changing ? (
        <SealStatusModal seal={changing.seal} to={changing.to} onClose={() => setChanging(null)} />
      ) : null}
    </Panel>
  );
}

interface SealForm {
  departmentId: string;
  kind: (typeof SEAL_KINDS)[number];
  name?: string;
  validFrom: string;
  validUntil: string;
}

/** 制章 (also 更换: a new key pair for the same department and kind; the old seal is then revoked). */
function MakeSealModal({ initial, onClose }: { initial: Partial<SealForm>; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<SealForm>();
  const client = useQueryClient();
  const make = useMutation({
    mutationFn: async () => {
      const values = await form.validateFields();
      return apiSend('post', '/api/v1/licences/seals', {
        body: {
          departmentId: values.departmentId,
          kind: values.kind,
          ...(values.name?.trim() ? { name: values.name.trim() } : {}),
          validFrom: values.validFrom,
          validUntil: values.validUntil,
        },
      });
    },
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['admin', 'seals'] });
      onClose();
    },
    onError: (error) => markServerErrors(form, error),
  });
  return (
    <Modal
      open
      title={initial.departmentId ? '更换电子印章（制发新章）' : t('admin.licences.newSeal')}
      onCancel={onClose}
      onOk={() => make.mutate()}
      okText="制发"
      cancelText={t('admin.action.cancel')}
      confirmLoading={make.isPending}
    >
      {initial.departmentId ? (
        <Alert
          type="info"
          showIcon
          className="admin-bottom-gap"
          title="新章生成新的 SM2 密钥对；启用后请撤销旧章，已用旧章签发的证照仍可验证。"
        />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ ...initial, validFrom: isoDate(0), validUntil: isoDate(5) }}
      >
        <Form.Item name="departmentId" label="使用单位" rules={[{ required: true, message: '请选择部门' }]}>
          <DepartmentSelect />
        </Form.Item>
        <Form.Item name="kind" label="印章类型" rules={[{ required: true }]}>
          <Select options={SEAL_KINDS.map((kind) => ({ value: kind, label: kind }))} />
        </Form.Item>
        <Form.Item name="name" label="印章名称（默认为部门名称）" rules={[{ min: 2, max: 40 }]}>
          <Input />
        </Form.Item>
        <Space wrap>
          <Form.Item
            name="validFrom"
            label="启用日期"
            rules={[{ required: true, message: '请填写启用日期' }]}
          >
            <Input type="date" />
          </Form.Item>
          <Form.Item
            name="validUntil"
            label="有效期至"
            rules={[{ required: true, message: '请填写截止日期' }]}
          >
            <Input type="date" />
          </Form.Item>
        </Space>
      </Form>
      {make.isError ? <Alert type="error" showIcon title={userMessageOf(make.error)} /> : null}
    </Modal>
  );
}

/** Today (China time) plus some years, as YYYY-MM-DD. */
function isoDate(plusYears: number): string {
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  return `${Number(today.slice(0, 4)) + plusYears}${today.slice(4)}`;
}

function SealStatusModal({ seal, to, onClose }: { seal: Seal; to: SealStatus; onClose: () => void }) {
  const t = useT();
  const [reason, setReason] = useState('');
  const client = useQueryClient();
  const label = to === 'suspended' ? '停用' : to === 'active' ? '启用' : '撤销';
  const change = useMutation({
    mutationFn: () =>
      apiSend('post', '/api/v1/licences/seals/{id}/status', {
        path: { id: seal.id },
        body: { status: to, reason: reason.trim() },
      }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['admin', 'seals'] });
      onClose();
    },
  });
  const tooShort = reason.trim().length < 2;
  return (
    <Modal
      open
      title={`${label}电子印章：${seal.name}（${seal.kind}）`}
      onCancel={onClose}
      onOk={() => change.mutate()}
      okText={label}
      okButtonProps={{ danger: to === 'revoked', disabled: tooShort }}
      cancelText={t('admin.action.cancel')}
      confirmLoading={change.isPending}
    >
      {to === 'revoked' ? (
        <Alert
          type="warning"
          showIcon
          className="admin-bottom-gap"
          title="撤销不可恢复：该章不能再签发证照，核验时会提示印章已撤销。"
        />
      ) : null}
      <label htmlFor="seal-reason">原因（必填，记入审计日志）</label>
      <Input.TextArea
        id="seal-reason"
        rows={3}
        value={reason}
        maxLength={500}
        onChange={(event) => setReason(event.target.value)}
      />
      {change.isError ? (
        <Alert className="top-gap" type="error" showIcon title={userMessageOf(change.error)} />
      ) : null}
    </Modal>
  );
}
