import { useQuery } from '@tanstack/react-query';
import { Empty, Table, Tag } from 'antd';
import { apiGet } from '../../api/client';
import { Panel } from '../../shared/Panel';
import { QueryErrorAlert } from '../../shared/QueryErrorAlert';
import { WorkbenchNav } from '../workbench/WorkbenchNav';

/** 证照类型与电子印章 (read-only here; types and seals change through their API by the system administrator). */
export function LicenceTypesPage() {
  const types = useQuery({
    queryKey: ['admin', 'licence-types'],
    queryFn: ({ signal }) => apiGet('/api/v1/licence-types', { signal }),
  });
  const seals = useQuery({
    queryKey: ['admin', 'seals'],
    queryFn: ({ signal }) => apiGet('/api/v1/licences/seals', { signal }),
  });
  return (
    <section className="page-section" aria-labelledby="licence-types-heading">
      <title>证照类型与电子印章 - 管理后台</title>
      <h1 id="licence-types-heading" className="page-title">
        证照类型与电子印章
      </h1>
      <WorkbenchNav />
      <div className="stack">
        <Panel title="证照类型">
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
              scroll={{ x: 700 }}
              locale={{ emptyText: <Empty description="尚无证照类型" /> }}
              columns={[
                { title: '代码', dataIndex: 'code' },
                { title: '名称', dataIndex: 'name' },
                { title: '定义部门', dataIndex: 'definingDepartment' },
                {
                  title: '有效期',
                  key: 'validity',
                  render: (_, t) => (t.validity.years ? `${t.validity.years} 年` : '长期'),
                },
              ]}
            />
          )}
        </Panel>
        <Panel title="电子印章">
          {seals.isError ? (
            <QueryErrorAlert
              title="电子印章加载失败"
              error={seals.error}
              onRetry={() => void seals.refetch()}
            />
          ) : (
            <Table
              rowKey="id"
              size="small"
              loading={seals.isPending}
              dataSource={seals.data?.items ?? []}
              pagination={{ pageSize: 20, showSizeChanger: false }}
              scroll={{ x: 700 }}
              locale={{ emptyText: <Empty description="尚无电子印章" /> }}
              columns={[
                { title: '印章名称', dataIndex: 'name' },
                { title: '使用单位', dataIndex: 'issuerName' },
                { title: '有效期', key: 'valid', render: (_, s) => `${s.validFrom} ～ ${s.validUntil}` },
                {
                  title: '状态',
                  key: 'status',
                  render: (_, s) => (
                    <Tag color={s.status === 'active' ? 'green' : 'red'}>{s.statusLabel}</Tag>
                  ),
                },
              ]}
            />
          )}
        </Panel>
      </div>
    </section>
  );
}
