import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { validateCreditCode } from '@yiwang/codes';
import { Alert, Button, Drawer, Empty, Form, Input, Modal, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { apiGet, apiSend, userMessageOf } from '../../api/client';
import type { ResponseOf } from '../../api/types';
import { useT } from '../../shared/i18n';
import { Panel } from '../../shared/Panel';
import { QueryErrorAlert } from '../../shared/QueryErrorAlert';
import { AdminNav, AdminTitle } from './AdminNav';
import { markServerErrors } from './admin.forms';
import { LEVEL_LABELS, optionsOf, SECTOR_LABELS } from './admin.labels';
import { DepartmentSelect } from './DepartmentSelect';
import { RegionPicker } from './RegionPicker';

type Department = ResponseOf<'/api/v1/departments', 'get'>['items'][number];
type Region = ResponseOf<'/api/v1/regions', 'get'>['items'][number];
const PAGE_SIZE = 20;

const CREDIT_CODE_REASONS: Record<string, string> = {
  length: '应为 18 位',
  charset: '含有不允许的字符（不使用 I、O、Z、S、V）',
  region: '第 3–8 位行政区划码无效',
  org_code: '组织机构代码校验位错误',
  check_char: '最后一位校验码错误',
};

/** The same check the server makes (GB 32100 check character), to say so while typing. */
function checkCreditCode(_: unknown, value: string | undefined): Promise<void> {
  if (!value) return Promise.reject(new Error('请填写统一社会信用代码'));
  const result = validateCreditCode(value.trim().toUpperCase());
  return result.ok
    ? Promise.resolve()
    : Promise.reject(
        new Error(`统一社会信用代码无效：${CREDIT_CODE_REASONS[result.reason] ?? result.reason}`),
      );
}

/**
 * 部门与区划: departments (filtered and paged by the server) registered and changed here — name,
 * parent, line, credit code (check character verified as typed and by the server) — and the region
 * tree, level by level, with new regions and renames.
 */
export function DepartmentsPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const region = params.get('region') ?? '';
  const sector = params.get('sector') ?? '';
  const page = Number(params.get('page') ?? '1') || 1;
  const [editing, setEditing] = useState<Department | 'new' | null>(null);
  const departments = useQuery({
    queryKey: ['admin', 'departments', q, region, sector, page],
    queryFn: ({ signal }) =>
      apiGet('/api/v1/departments', {
        query: {
          ...(q ? { q } : {}),
          ...(region ? { regionCode: region, includeSubRegions: true } : {}),
          ...(sector ? { sector: sector as Department['sector'] } : {}),
          page,
          pageSize: PAGE_SIZE,
        },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
  const setFilter = (name: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    next.delete('page');
    setParams(next);
  };
  return (
    <section className="page-section" aria-labelledby="departments-heading">
      <AdminTitle page={t('admin.departments.title')} />
      <h1 id="departments-heading" className="page-title">
        {t('admin.departments.title')}
      </h1>
      <AdminNav />
      <div className="stack">
        <Panel title={t('admin.departments.list')}>
          <search className="admin-filters" aria-label="筛选部门">
            <Input.Search
              key={q}
              defaultValue={q}
              allowClear
              aria-label="部门名称"
              placeholder="部门名称"
              enterButton={t('admin.action.search')}
              onSearch={(value) => setFilter('q', value.trim() || undefined)}
              className="admin-filter-text"
            />
            <RegionPicker
              value={region || undefined}
              onChange={(value) => setFilter('region', value)}
              placeholder={t('admin.col.region')}
              ariaLabel={t('admin.col.region')}
            />
            <Select
              className="admin-filter-select"
              aria-label={t('admin.col.sector')}
              value={sector}
              onChange={(value: string) => setFilter('sector', value || undefined)}
              options={[{ value: '', label: '全部条线' }, ...optionsOf(SECTOR_LABELS)]}
            />
            <Button type="primary" onClick={() => setEditing('new')}>
              {t('admin.departments.new')}
            </Button>
          </search>
          {departments.isError ? (
            <QueryErrorAlert
              title="部门加载失败"
              error={departments.error}
              onRetry={() => void departments.refetch()}
            />
          ) : (
            <Table
              rowKey="id"
              size="middle"
              className="top-gap"
              loading={departments.isFetching}
              dataSource={departments.data?.items ?? []}
              scroll={{ x: 860 }}
              locale={{ emptyText: <Empty description="没有匹配的部门" /> }}
              columns={[
                { title: t('admin.col.name'), dataIndex: 'name' },
                { title: t('admin.col.region'), dataIndex: 'regionName' },
                { title: t('admin.col.sector'), key: 'sector', render: (_, d) => SECTOR_LABELS[d.sector] },
                { title: t('admin.col.creditCode'), dataIndex: 'creditCode' },
                {
                  title: t('admin.col.actions'),
                  key: 'edit',
                  render: (_, d) => (
                    <Button
                      size="small"
                      onClick={() => setEditing(d)}
                      aria-label={`${t('admin.action.edit')} ${d.name}`}
                    >
                      {t('admin.action.edit')}
                    </Button>
                  ),
                },
              ]}
              pagination={{
                current: page,
                pageSize: PAGE_SIZE,
                total: departments.data?.total ?? 0,
                showSizeChanger: false,
                showTotal: (total) => `共 ${total} 个`,
                onChange: (next) => {
                  const nextParams = new URLSearchParams(params);
                  nextParams.set('page', String(next));
                  setParams(nextParams);
                },
              }}
            />
          )}
        </Panel>
        <RegionsPanel />
      </div>
      {editing ? (
        <DepartmentDrawer department={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      ) : null}
    </section>
  );
}

interface DepartmentForm {
  key: string;
  name: string;
  shortName: string;
  sector: Department['sector'];
  creditCode: string;
  regionCode: string;
  parentId?: string | null;
}

function DepartmentDrawer({ department, onClose }: { department: Department | null; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<DepartmentForm>();
  const client = useQueryClient();
  const save = useMutation({
    mutationFn: async () => {
      const values = await form.validateFields();
      const creditCode = values.creditCode.trim().toUpperCase();
      if (department) {
        return apiSend('patch', '/api/v1/departments/{id}', {
          path: { id: department.id },
          body: {
            name: values.name,
            shortName: values.shortName,
            sector: values.sector,
            parentId: values.parentId ?? null,
            ...(creditCode !== department.creditCode ? { creditCode } : {}),
          },
        });
      }
      return apiSend('post', '/api/v1/departments', {
        body: { ...values, creditCode, parentId: values.parentId ?? null },
      });
    },
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['admin', 'departments'] });
      onClose();
    },
    onError: (error) => markServerErrors(form, error),
  });
  return (
    <Drawer
      open
      title={department ? `编辑部门：${department.name}` : t('admin.departments.new')}
      onClose={onClose}
      size={600}
      footer={
        <Space>
          <Button type="primary" onClick={() => save.mutate()} loading={save.isPending}>
            {t('admin.action.save')}
          </Button>
          <Button onClick={onClose}>{t('admin.action.cancel')}</Button>
        </Space>
      }
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={department ? { ...department } : { sector: 'other' }}
      >
        <Form.Item
          name="key"
          label="部门标识"
          extra="导入文件和种子数据用的稳定标识，如 xh-scjg"
          rules={[
            { required: true, pattern: /^[a-z0-9][a-z0-9-]{1,62}$/, message: '小写字母、数字和 -，2–63 位' },
          ]}
        >
          <Input disabled={!!department} />
        </Form.Item>
        <Form.Item name="name" label="部门全称" rules={[{ required: true, min: 2, max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="shortName" label="简称" rules={[{ required: true, max: 30 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="sector" label="条线" rules={[{ required: true }]}>
          <Select options={optionsOf(SECTOR_LABELS)} />
        </Form.Item>
        <Form.Item
          name="regionCode"
          label="所在行政区划"
          extra={department ? '部门的行政区划不能变更：其事项和办件属于该区划。' : undefined}
          rules={[{ required: true, message: '请选择行政区划' }]}
        >
          {department ? <Input disabled /> : <RegionPicker allowClear={false} />}
        </Form.Item>
        <Form.Item
          name="creditCode"
          label="统一社会信用代码"
          extra="18 位，第 3–8 位为登记管理机关所在的县级以上行政区划码"
          rules={[{ validator: checkCreditCode }]}
        >
          <Input maxLength={18} className="admin-code-input" />
        </Form.Item>
        <Form.Item name="parentId" label="上级部门（下属单位填写）">
          <DepartmentSelect allowClear />
        </Form.Item>
      </Form>
      {save.isError ? <Alert type="error" showIcon title={userMessageOf(save.error)} /> : null}
    </Drawer>
  );
}

/** 行政区划: the tree level by level from the province; add a region below the one shown, rename one. */
function RegionsPanel() {
  const t = useT();
  const [parent, setParent] = useState<string | undefined>(undefined);
  const [adding, setAdding] = useState(false);
  const [renaming, setRenaming] = useState<Region | null>(null);
  const children = useQuery({
    queryKey: ['admin', 'regions', parent ?? ''],
    queryFn: ({ signal }) =>
      apiGet('/api/v1/regions', { query: parent ? { parentCode: parent } : {}, signal }),
  });
  return (
    <Panel title={t('admin.regions.list')}>
      <div className="admin-filters">
        <RegionPicker value={parent} onChange={setParent} ariaLabel="上级行政区划" placeholder="省级" />
        <Button onClick={() => setAdding(true)}>{t('admin.regions.new')}</Button>
      </div>
      {children.isError ? (
        <QueryErrorAlert
          title="行政区划加载失败"
          error={children.error}
          onRetry={() => void children.refetch()}
        />
      ) : (
        <Table
          rowKey="code"
          size="small"
          className="top-gap"
          loading={children.isFetching}
          dataSource={children.data?.items ?? []}
          pagination={{ pageSize: 20, showSizeChanger: false }}
          scroll={{ x: 520 }}
          caption={t('admin.regions.children')}
          locale={{ emptyText: <Empty description="没有下级区划" /> }}
          columns={[
            { title: t('admin.col.code'), dataIndex: 'code' },
            { title: t('admin.col.name'), dataIndex: 'name' },
            { title: t('admin.col.level'), key: 'level', render: (_, r) => LEVEL_LABELS[r.level] },
            {
              title: t('admin.col.actions'),
              key: 'actions',
              render: (_, r) => (
                <Space wrap>
                  <Button size="small" onClick={() => setParent(r.code)} aria-label={`下级 ${r.name}`}>
                    下级
                  </Button>
                  <Button size="small" onClick={() => setRenaming(r)} aria-label={`更名 ${r.name}`}>
                    更名
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      )}
      {adding ? <AddRegionModal parent={parent} onClose={() => setAdding(false)} /> : null}
      {renaming ? <RenameRegionModal region={renaming} onClose={() => setRenaming(null)} /> : null}
    </Panel>
  );
}

function AddRegionModal({ parent, onClose }: { parent: string | undefined; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{ code: string; name: string }>();
  const client = useQueryClient();
  const add = useMutation({
    mutationFn: async () => apiSend('post', '/api/v1/regions', { body: await form.validateFields() }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['admin', 'regions'] });
      onClose();
    },
    onError: (error) => markServerErrors(form, error),
  });
  return (
    <Modal
      open
      title={t('admin.regions.new')}
      onCancel={onClose}
      onOk={() => add.mutate()}
      okText={t('admin.action.save')}
      cancelText={t('admin.action.cancel')}
      confirmLoading={add.isPending}
    >
      <Form form={form} layout="vertical" initialValues={{ code: parent ?? '' }}>
        <Form.Item
          name="code"
          label="行政区划代码"
          extra="GB/T 2260：县级及以上 6 位；乡镇（街道）、村（社区）12 位。代码决定层级和上级区划。"
          rules={[{ required: true, pattern: /^(\d{6}|\d{12})$/, message: '6 位或 12 位数字' }]}
        >
          <Input maxLength={12} />
        </Form.Item>
        <Form.Item name="name" label="名称" rules={[{ required: true, min: 2, max: 50 }]}>
          <Input />
        </Form.Item>
      </Form>
      {add.isError ? <Alert type="error" showIcon title={userMessageOf(add.error)} /> : null}
    </Modal>
  );
}

function RenameRegionModal({ region, onClose }: { region: Region; onClose: () => void }) {
  const t = useT();
  const [name, setName] = useState(region.name);
  const client = useQueryClient();
  const rename = useMutation({
    mutationFn: () =>
      apiSend('patch', '/api/v1/regions/{code}', {
        path: { code: region.code },
        body: { name: name.trim() },
      }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['admin', 'regions'] });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={`更名：${region.name}（${region.code}）`}
      onCancel={onClose}
      onOk={() => rename.mutate()}
      okText={t('admin.action.save')}
      okButtonProps={{ disabled: name.trim().length < 2 }}
      cancelText={t('admin.action.cancel')}
      confirmLoading={rename.isPending}
    >
      <label htmlFor="region-name">新名称</label>
      <Input id="region-name" value={name} maxLength={50} onChange={(event) => setName(event.target.value)} />
      {rename.isError ? (
        <Alert className="top-gap" type="error" showIcon title={userMessageOf(rename.error)} />
      ) : null}
    </Modal>
  );
}
