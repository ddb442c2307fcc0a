import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Empty, Input, Pagination, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { apiGet } from '../../api/client';
import { useT } from '../../shared/i18n';
import { Panel } from '../../shared/Panel';
import { QueryErrorAlert } from '../../shared/QueryErrorAlert';
import { AdminNav, AdminTitle } from './AdminNav';
import { CatalogueTransfer } from './CatalogueTransfer';
import { DepartmentSelect } from './DepartmentSelect';
import { RegionPicker } from './RegionPicker';

const PAGE_SIZE = 20;
/** Entries failing a quality rule shown at once (the server pages them). */
const QUALITY_PAGE_SIZE = 20;
const STATUSES = ['published', 'draft', 'retired'] as const;
type Status = (typeof STATUSES)[number];
const STATUS_COLORS: Record<Status, string> = { published: 'green', draft: 'blue', retired: 'default' };

/**
 * 事项目录管理: the implementation entries of the caller's scope in any state (drafts, retired),
 * filtered and paged by the server, with the filters kept in the URL; import and export; the
 * entries that break quality rules.
 */
export function CataloguePage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const region = params.get('region') ?? '';
  const department = params.get('department') ?? '';
  const statusParam = params.get('status') ?? '';
  const status = (STATUSES as readonly string[]).includes(statusParam) ? (statusParam as Status) : undefined;
  const page = Number(params.get('page') ?? '1') || 1;
  const setFilter = (name: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    next.delete('page');
    setParams(next);
  };
  const entries = useQuery({
    queryKey: ['admin', 'entries', q, region, department, status, page],
    queryFn: ({ signal }) =>
      apiGet('/api/v1/catalogue/entries', {
        query: {
          ...(q ? { q } : {}),
          ...(region ? { region } : {}),
          ...(department ? { department } : {}),
          ...(status ? { status } : {}),
          page,
          pageSize: PAGE_SIZE,
        },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
  const [qualityPage, setQualityPage] = useState(1);
  const quality = useQuery({
    queryKey: ['admin', 'quality', qualityPage],
    queryFn: ({ signal }) =>
      apiGet('/api/v1/catalogue/quality', {
        query: { page: qualityPage, pageSize: QUALITY_PAGE_SIZE },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
  const statusLabel = (value: Status) => t(`admin.catalogue.status.${value}`);
  return (
    <section className="page-section" aria-labelledby="catalogue-heading">
      <AdminTitle page={t('admin.catalogue.title')} />
      <h1 id="catalogue-heading" className="page-title">
        {t('admin.catalogue.title')}
      </h1>
      <AdminNav />
      <div className="stack">
        <Panel title={t('admin.catalogue.entries')}>
          <search className="admin-filters" aria-label="筛选实施清单">
            <Input.Search
              key={q}
              defaultValue={q}
              allowClear
              aria-label={t('admin.catalogue.searchLabel')}
              placeholder={t('admin.catalogue.search')}
              enterButton={t('admin.action.search')}
              onSearch={(value) => setFilter('q', value.trim() || undefined)}
              className="admin-filter-text"
            />
            <RegionPicker
              value={region || undefined}
              onChange={(value) => setFilter('region', value)}
              placeholder={t('admin.catalogue.region')}
              ariaLabel={t('admin.catalogue.region')}
            />
            <div className="admin-filter-select">
              <DepartmentSelect
                value={department || undefined}
                onChange={(value) => setFilter('department', value)}
                allowClear
                placeholder={t('admin.catalogue.department')}
                ariaLabel={t('admin.catalogue.department')}
              />
            </div>
            <Select
              className="admin-filter-select"
              aria-label={t('admin.catalogue.status')}
              value={status ?? ''}
              onChange={(value: string) => setFilter('status', value || undefined)}
              options={[
                { value: '', label: t('admin.catalogue.status.all') },
                ...STATUSES.map((value) => ({ value, label: statusLabel(value) })),
              ]}
            />
          </search>
          {entries.isError ? (
            <QueryErrorAlert
              title="事项加载失败"
              error={entries.error}
              onRetry={() => void entries.refetch()}
            />
          ) : (
            <Table
              rowKey="id"
              size="middle"
              className="top-gap"
              loading={entries.isFetching}
              dataSource={entries.data?.items ?? []}
              scroll={{ x: 900 }}
              locale={{ emptyText: <Empty description={t('admin.catalogue.empty')} /> }}
              columns={[
                {
                  title: t('admin.col.itemName'),
                  key: 'name',
                  render: (_, row) => (
                    // A published entry is found by its code; any other by its id.
                    <Link
                      to={`/admin/catalogue/${row.implementationCode}${row.publishedVersion === null ? `?entry=${row.id}` : ''}`}
                    >
                      {row.name}
                    </Link>
                  ),
                },
                { title: t('admin.col.implementationCode'), dataIndex: 'implementationCode' },
                { title: t('admin.col.region'), key: 'region', render: (_, row) => row.region.name },
                {
                  title: t('admin.col.department'),
                  key: 'department',
                  render: (_, row) => row.department.name,
                },
                { title: t('admin.col.type'), dataIndex: 'typeLabel' },
                {
                  title: t('admin.col.status'),
                  key: 'status',
                  render: (_, row) => (
                    <>
                      <Tag color={STATUS_COLORS[row.status]}>{statusLabel(row.status)}</Tag>
                      {row.status === 'published' && row.draftVersion ? <Tag color="blue">有草稿</Tag> : null}
                    </>
                  ),
                },
                {
                  title: t('admin.col.version'),
                  key: 'version',
                  render: (_, row) => `v${row.publishedVersion ?? row.draftVersion ?? row.latestVersion}`,
                },
              ]}
              pagination={{
                current: page,
                pageSize: PAGE_SIZE,
                total: entries.data?.total ?? 0,
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
        <CatalogueTransfer region={region || undefined} department={department || undefined} />
        <Panel title={t('admin.catalogue.quality')}>
          {quality.isError ? (
            <QueryErrorAlert
              title="质量报告加载失败"
              error={quality.error}
              onRetry={() => void quality.refetch()}
            />
          ) : quality.isPending ? (
            <p role="status">正在检查…</p>
          ) : (
            <>
              <p>
                已检查 {quality.data.checkedEntries} 个实施清单，发现 {quality.data.violationCount} 项问题。
              </p>
              <ul className="plain-list">
                {quality.data.entries.map((entry) => (
                  <li key={`${entry.entryId}-${entry.version}`}>
                    <Link to={`/admin/catalogue/${entry.implementationCode}?entry=${entry.entryId}`}>
                      {entry.name}
                    </Link>{' '}
                    <Tag>
                      {entry.status === 'draft' ? '草稿' : '已发布'} v{entry.version}
                    </Tag>
                    {entry.violations.map((v) => v.message).join('；')}
                  </li>
                ))}
              </ul>
              {quality.data.total > QUALITY_PAGE_SIZE ? (
                <Pagination
                  size="small"
                  current={quality.data.page}
                  pageSize={quality.data.pageSize}
                  total={quality.data.total}
                  showSizeChanger={false}
                  onChange={setQualityPage}
                  aria-label="质量问题分页"
                />
              ) : null}
            </>
          )}
        </Panel>
      </div>
    </section>
  );
}
