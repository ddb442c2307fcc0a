import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Empty, Input, Table, Tag } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { apiGet } from '../../api/client';
import { Panel } from '../../shared/Panel';
import { QueryErrorAlert } from '../../shared/QueryErrorAlert';
import { WorkbenchNav } from '../workbench/WorkbenchNav';

const PAGE_SIZE = 20;

/**
 * 事项目录管理: the implementation entries (searched and paged by the server), and the entries that
 * break quality rules. Entries not yet published are reached from the quality report.
 */
export function CataloguePage() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const page = Number(params.get('page') ?? '1') || 1;
  const items = useQuery({
    queryKey: ['admin', 'items', q, page],
    queryFn: ({ signal }) =>
      apiGet('/api/v1/items', { query: { ...(q ? { q } : {}), page, pageSize: PAGE_SIZE }, signal }),
    placeholderData: keepPreviousData,
  });
  const quality = useQuery({
    queryKey: ['admin', 'quality'],
    queryFn: ({ signal }) => apiGet('/api/v1/catalogue/quality', { signal }),
  });
  return (
    <section className="page-section" aria-labelledby="catalogue-heading">
      <title>事项目录 - 管理后台</title>
      <h1 id="catalogue-heading" className="page-title">
        事项目录
      </h1>
      <WorkbenchNav />
      <div className="stack">
        <Panel title="实施清单">
          <Input.Search
            defaultValue={q}
            allowClear
            aria-label="搜索事项"
            placeholder="事项名称或关键词"
            onSearch={(value) => setParams(value.trim() ? { q: value.trim() } : {})}
            className="workbench-search"
          />
          {items.isError ? (
            <QueryErrorAlert title="事项加载失败" error={items.error} onRetry={() => void items.refetch()} />
          ) : (
            <Table
              rowKey="implementationCode"
              size="middle"
              className="top-gap"
              loading={items.isFetching}
              dataSource={items.data?.items ?? []}
              scroll={{ x: 800 }}
              locale={{ emptyText: <Empty description="没有匹配的事项" /> }}
              columns={[
                {
                  title: '事项名称',
                  key: 'name',
                  render: (_, row) => (
                    <Link to={`/admin/catalogue/${row.implementationCode}`}>{row.name}</Link>
                  ),
                },
                { title: '实施编码', dataIndex: 'implementationCode' },
                { title: '实施主体', key: 'department', render: (_, row) => row.department.name },
                { title: '类型', dataIndex: 'typeLabel' },
              ]}
              pagination={{
                current: page,
                pageSize: PAGE_SIZE,
                total: items.data?.total ?? 0,
                showSizeChanger: false,
                onChange: (next) => setParams({ ...(q ? { q } : {}), page: String(next) }),
              }}
            />
          )}
        </Panel>
        <Panel title="质量检查">
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
                {quality.data.entries.slice(0, 50).map((entry) => (
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
            </>
          )}
        </Panel>
      </div>
    </section>
  );
}
