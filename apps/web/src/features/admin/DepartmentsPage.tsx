import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Empty, Input, Table } from 'antd';
import { useState } from 'react';
import { apiGet } from '../../api/client';
import { Panel } from '../../shared/Panel';
import { QueryErrorAlert } from '../../shared/QueryErrorAlert';
import { WorkbenchNav } from '../workbench/WorkbenchNav';

const PAGE_SIZE = 20;

/** 部门与区划 (read-only in this version): departments searched and paged by the server. */
export function DepartmentsPage() {
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const departments = useQuery({
    queryKey: ['admin', 'departments', q, page],
    queryFn: ({ signal }) =>
      apiGet('/api/v1/departments', { query: { ...(q ? { q } : {}), page, pageSize: PAGE_SIZE }, signal }),
    placeholderData: keepPreviousData,
  });
  return (
    <section className="page-section" aria-labelledby="departments-heading">
      <title>部门与区划 - 管理后台</title>
      <h1 id="departments-heading" className="page-title">
        部门与区划
      </h1>
      <WorkbenchNav />
      <Panel title="部门">
        <Input.Search
          allowClear
          aria-label="搜索部门"
          placeholder="部门名称"
          onSearch={(value) => {
            setQ(value.trim());
            setPage(1);
          }}
          className="workbench-search"
        />
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
            scroll={{ x: 700 }}
            locale={{ emptyText: <Empty description="没有匹配的部门" /> }}
            columns={[
              { title: '名称', dataIndex: 'name' },
              { title: '行政区划', dataIndex: 'regionName' },
              { title: '统一社会信用代码', dataIndex: 'creditCode' },
            ]}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: departments.data?.total ?? 0,
              showSizeChanger: false,
              onChange: setPage,
            }}
          />
        )}
      </Panel>
    </section>
  );
}
