import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Drawer, Empty, Form, Input, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { apiGet, apiSend, userMessageOf } from '../../api/client';
import type { BodyOf, ResponseOf } from '../../api/types';
import { useT } from '../../shared/i18n';
import { Panel } from '../../shared/Panel';
import { QueryErrorAlert } from '../../shared/QueryErrorAlert';
import { AdminNav, AdminTitle } from './AdminNav';
import { markServerErrors } from './admin.forms';
import { ITEM_TYPE_LABELS, LEVEL_LABELS, optionsOf, SECTOR_LABELS } from './admin.labels';

type BasicItem = ResponseOf<'/api/v1/catalogue/basic-items', 'get'>['items'][number];
type BasicItemBody = BodyOf<'/api/v1/catalogue/basic-items', 'post'>;
const PAGE_SIZE = 20;
const LEVELS = ['province', 'city', 'county', 'township'] as const;

/**
 * 基本目录: basic items (searched and paged by the server) with how many implementation entries each
 * has; defining a new item and changing one. Once entries implement an item its six key elements
 * stay fixed (the server says so, naming the field).
 */
export function BasicItemsPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const type = params.get('type') ?? '';
  const page = Number(params.get('page') ?? '1') || 1;
  const [editing, setEditing] = useState<BasicItem | 'new' | null>(null);
  const items = useQuery({
    queryKey: ['admin', 'basic-items', q, type, page],
    queryFn: ({ signal }) =>
      apiGet('/api/v1/catalogue/basic-items', {
        query: {
          ...(q ? { q } : {}),
          ...(type ? { type: type as BasicItem['type'] } : {}),
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
    <section className="page-section" aria-labelledby="basic-items-heading">
      <AdminTitle page={t('admin.basicItems.title')} />
      <h1 id="basic-items-heading" className="page-title">
        {t('admin.basicItems.title')}
      </h1>
      <AdminNav />
      <Panel title={t('admin.basicItems.title')}>
        <search className="admin-filters" aria-label="筛选基本目录">
          <Input.Search
            key={q}
            defaultValue={q}
            allowClear
            aria-label="事项名称或基本编码"
            placeholder="事项名称或基本编码"
            enterButton={t('admin.action.search')}
            onSearch={(value) => setFilter('q', value.trim() || undefined)}
            className="admin-filter-text"
          />
          <Select
            className="admin-filter-select"
            aria-label={t('admin.col.type')}
            value={type}
            onChange={(value: string) => setFilter('type', value || undefined)}
            options={[{ value: '', label: '全部类型' }, ...optionsOf(ITEM_TYPE_LABELS)]}
          />
          <Button type="primary" onClick={() => setEditing('new')}>
            {t('admin.action.new')}
          </Button>
        </search>
        {items.isError ? (
          <QueryErrorAlert
            title="基本目录加载失败"
            error={items.error}
            onRetry={() => void items.refetch()}
          />
        ) : (
          <Table
            rowKey="basicCode"
            size="middle"
            className="top-gap"
            loading={items.isFetching}
            dataSource={items.data?.items ?? []}
            scroll={{ x: 800 }}
            locale={{ emptyText: <Empty description="没有匹配的基本目录事项" /> }}
            columns={[
              { title: t('admin.col.basicCode'), dataIndex: 'basicCode' },
              { title: t('admin.col.itemName'), dataIndex: 'name' },
              { title: t('admin.col.type'), dataIndex: 'typeLabel' },
              {
                title: t('admin.col.level'),
                key: 'levels',
                render: (_, row) => row.levels.map((level) => LEVEL_LABELS[level]).join('、'),
              },
              { title: t('admin.col.entries'), dataIndex: 'entryCount' },
              {
                title: t('admin.col.actions'),
                key: 'edit',
                render: (_, row) => (
                  <Button
                    size="small"
                    onClick={() => setEditing(row)}
                    aria-label={`${t('admin.action.edit')} ${row.name}`}
                  >
                    {t('admin.action.edit')}
                  </Button>
                ),
              },
            ]}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: items.data?.total ?? 0,
              showSizeChanger: false,
              showTotal: (total) => `共 ${total} 项`,
              onChange: (next) => {
                const nextParams = new URLSearchParams(params);
                nextParams.set('page', String(next));
                setParams(nextParams);
              },
            }}
          />
        )}
      </Panel>
      {editing ? (
        <BasicItemDrawer item={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      ) : null}
    </section>
  );
}

function BasicItemDrawer({ item, onClose }: { item: BasicItem | null; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<BasicItemBody>();
  const client = useQueryClient();
  const save = useMutation({
    mutationFn: async () => {
      const values = await form.validateFields();
      const body = { ...values, ...(values.parentCode ? {} : { parentCode: undefined }) };
      if (item) {
        const { basicCode: _code, ...rest } = body;
        return apiSend('put', '/api/v1/catalogue/basic-items/{basicCode}', {
          path: { basicCode: item.basicCode },
          body: rest,
        });
      }
      return apiSend('post', '/api/v1/catalogue/basic-items', { body });
    },
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['admin', 'basic-items'] });
      onClose();
    },
    onError: (error) => markServerErrors(form, error),
  });
  const inUse = (item?.entryCount ?? 0) > 0;
  return (
    <Drawer
      open
      title={item ? `编辑基本目录事项 ${item.basicCode}` : '新增基本目录事项'}
      onClose={onClose}
      size={640}
      footer={
        <Space>
          <Button type="primary" onClick={() => save.mutate()} loading={save.isPending}>
            {t('admin.action.save')}
          </Button>
          <Button onClick={onClose}>{t('admin.action.cancel')}</Button>
        </Space>
      }
    >
      {inUse ? (
        <Alert
          type="info"
          showIcon
          className="admin-bottom-gap"
          title={`已有 ${item?.entryCount} 个实施清单采用该事项：事项名称、类型、主管部门、实施主体和设定依据不能修改（同一事项、同一标准、同一编码）。`}
        />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        initialValues={
          item
            ? { ...item, parentCode: item.parentCode ?? '' }
            : { levels: ['county'], aliases: [], legalBasis: [{ title: '', article: '', text: '' }] }
        }
      >
        <Form.Item
          name="basicCode"
          label="基本编码"
          rules={[{ required: true, pattern: /^[0-9A-Z]{4,12}$/, message: '4–12 位大写字母或数字' }]}
        >
          <Input disabled={!!item} />
        </Form.Item>
        <Form.Item name="name" label="事项名称" rules={[{ required: true, min: 2, max: 100 }]}>
          <Input disabled={inUse} />
        </Form.Item>
        <Form.Item name="type" label="事项类型" rules={[{ required: true, message: '请选择事项类型' }]}>
          <Select disabled={inUse} options={optionsOf(ITEM_TYPE_LABELS)} />
        </Form.Item>
        <Form.Item
          name="competentSector"
          label="主管部门（条线）"
          rules={[{ required: true, message: '请选择' }]}
        >
          <Select disabled={inUse} options={optionsOf(SECTOR_LABELS)} />
        </Form.Item>
        <Form.Item
          name="implementingSector"
          label="实施主体（条线）"
          rules={[{ required: true, message: '请选择' }]}
        >
          <Select disabled={inUse} options={optionsOf(SECTOR_LABELS)} />
        </Form.Item>
        {/* A validator, not `required`: antd would put aria-required on the checkbox group, which a group may not carry. */}
        <Form.Item
          name="levels"
          label="行使层级（至少一个）"
          rules={[
            {
              validator: (_, value: unknown[] | undefined) =>
                value && value.length > 0 ? Promise.resolve() : Promise.reject(new Error('至少选择一个层级')),
            },
          ]}
        >
          <Checkbox.Group options={LEVELS.map((level) => ({ value: level, label: LEVEL_LABELS[level] }))} />
        </Form.Item>
        <fieldset className="admin-fieldset">
          <legend>设定依据</legend>
          <Form.List name="legalBasis">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, index) => (
                  <div key={field.key} className="admin-legal-basis">
                    <Form.Item
                      name={[field.name, 'title']}
                      label={`依据 ${index + 1}：法律法规名称`}
                      rules={[{ required: true, min: 2, message: '如《中华人民共和国行政许可法》' }]}
                    >
                      <Input disabled={inUse} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'article']}
                      label="条款"
                      rules={[{ required: true, message: '如 第十二条' }]}
                    >
                      <Input disabled={inUse} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'text']} label="条文" rules={[{ required: true }]}>
                      <Input.TextArea rows={2} disabled={inUse} />
                    </Form.Item>
                    {fields.length > 1 && !inUse ? (
                      <Button size="small" danger onClick={() => remove(field.name)}>
                        删除依据 {index + 1}
                      </Button>
                    ) : null}
                  </div>
                ))}
                {inUse ? null : (
                  <Button size="small" onClick={() => add({ title: '', article: '', text: '' })}>
                    添加设定依据
                  </Button>
                )}
              </>
            )}
          </Form.List>
        </fieldset>
        <Form.Item
          name="parentCode"
          label="主项编码（子项填写）"
          rules={[{ pattern: /^([0-9A-Z]{4,12})?$/, message: '4–12 位大写字母或数字' }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="aliases" label="别名（群众常用的说法）">
          <Select mode="tags" tokenSeparators={['、', ',', '，']} open={false} aria-label="别名" />
        </Form.Item>
      </Form>
      {save.isError ? <Alert type="error" showIcon title={userMessageOf(save.error)} /> : null}
      {item ? (
        <p className="admin-hint">
          <Tag>{item.typeLabel}</Tag>
          修改会记入审计日志。
        </p>
      ) : null}
    </Drawer>
  );
}
