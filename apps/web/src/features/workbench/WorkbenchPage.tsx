import { useMutation } from '@tanstack/react-query';
import { Alert, App as AntApp, Badge, Button, Empty, Input, Radio, Select, Space, Table, Tabs } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { apiSend, userMessageOf } from '../../api/client';
import { useMe } from '../../auth/auth';
import { STATUS_LABELS } from '../../shared/labels';
import { QueryErrorAlert } from '../../shared/QueryErrorAlert';
import { DeadlineTag } from './DeadlineTag';
import { WorkbenchNav } from './WorkbenchNav';
import {
  QUEUES,
  type QueueCase,
  type QueueName,
  useQueue,
  useQueueCounts,
  useRefreshWorkbench,
} from './workbench.api';
import './workbench.css';

const PAGE_SIZE = 20;
type AssigneeFilter = 'all' | 'me' | 'unassigned';

/**
 * 工作台: the queues of the signed-in staff member's scope (the server scopes them in SQL),
 * ordered by deadline, with counts, filters, claim/release and — for leads holding
 * `cases.approve` — bulk assignment. The state lives in the URL, so a queue can be bookmarked.
 */
export function WorkbenchPage() {
  const [params, setParams] = useSearchParams();
  const me = useMe();
  const queue = (params.get('queue') as QueueName | null) ?? 'acceptance';
  const assignee = (params.get('assignee') as AssigneeFilter | null) ?? 'all';
  const q = params.get('q') ?? '';
  const page = Number(params.get('page') ?? '1') || 1;
  const [selected, setSelected] = useState<string[]>([]);
  const filter = { ...(assignee === 'all' ? {} : { assignee }), ...(q ? { q } : {}) };
  const counts = useQueueCounts(filter);
  const list = useQueue({ queue, page, pageSize: PAGE_SIZE, ...filter });
  const isLead = me.data?.permissions.includes('cases.approve') ?? false;

  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null || value === '') next.delete(key);
      else next.set(key, value);
    }
    if (!('page' in changes)) next.delete('page');
    setSelected([]);
    setParams(next, { replace: true });
  };

  return (
    <AntApp component={false}>
      <section className="page-section workbench" aria-labelledby="workbench-heading">
        <title>工作台 - 一网通办</title>
        <h1 id="workbench-heading" className="page-title">
          审批工作台
        </h1>
        <p className="page-subtitle">{me.data?.name}，以下是您权限范围内的办件，按办理期限先后排列。</p>
        <WorkbenchNav />
        {counts.isError ? (
          <QueryErrorAlert
            title="队列数量加载失败"
            error={counts.error}
            onRetry={() => void counts.refetch()}
          />
        ) : null}
        <Tabs
          activeKey={queue}
          onChange={(key) => update({ queue: key })}
          items={QUEUES.map((item) => ({
            key: item.key,
            label: (
              <span data-queue={item.key}>
                {item.label}{' '}
                <Badge
                  count={counts.data?.[item.key] ?? 0}
                  showZero
                  overflowCount={999}
                  color={item.key === 'overdue' ? '#cf1322' : item.key === 'due_soon' ? '#ad6800' : '#1f5fbf'}
                />
              </span>
            ),
          }))}
        />
        <div className="workbench-filters">
          <Radio.Group
            value={assignee}
            onChange={(event) =>
              update({ assignee: event.target.value === 'all' ? null : event.target.value })
            }
            optionType="button"
            aria-label="按认领情况筛选"
            options={[
              { value: 'all', label: '全部' },
              { value: 'me', label: '我认领的' },
              { value: 'unassigned', label: '未认领' },
            ]}
          />
          <Input.Search
            allowClear
            defaultValue={q}
            placeholder="受理编号、申请编号或申请人名称"
            aria-label="搜索办件"
            onSearch={(value) => update({ q: value.trim() || null })}
            className="workbench-search"
          />
        </div>
        {isLead ? (
          <BulkAssign selected={selected} myId={me.data?.id ?? ''} onDone={() => setSelected([])} />
        ) : null}
        {list.isError ? (
          <QueryErrorAlert title="办件列表加载失败" error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <QueueTable
            items={list.data?.items ?? []}
            loading={list.isFetching}
            myId={me.data?.id ?? ''}
            selectable={isLead}
            selected={selected}
            onSelect={setSelected}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: list.data?.total ?? 0,
              onChange: (next) => update({ page: String(next) }),
            }}
          />
        )}
      </section>
    </AntApp>
  );
}

function QueueTable({
  items,
  loading,
  myId,
  selectable,
  selected,
  onSelect,
  pagination,
}: {
  items: QueueCase[];
  loading: boolean;
  myId: string;
  selectable: boolean;
  selected: string[];
  onSelect: (ids: string[]) => void;
  pagination: { current: number; pageSize: number; total: number; onChange: (page: number) => void };
}) {
  const columns: ColumnsType<QueueCase> = [
    {
      title: '编号',
      key: 'number',
      render: (_, row) => (
        <Link to={`/workbench/cases/${row.id}`} data-case={row.id}>
          {row.caseNumber ?? row.applicationNumber}
        </Link>
      ),
    },
    { title: '事项', dataIndex: 'itemName' },
    { title: '申请人', dataIndex: 'applicantName' },
    { title: '状态', key: 'status', render: (_, row) => STATUS_LABELS[row.status] ?? row.statusLabel },
    {
      title: '承诺期限',
      key: 'promisedDue',
      render: (_, row) => <DeadlineTag date={row.promisedDue} level={row.warningLevel} />,
    },
    { title: '法定期限', key: 'legalDue', render: (_, row) => row.legalDue ?? '—' },
    {
      title: '认领',
      key: 'assignee',
      render: (_, row) => <ClaimCell row={row} myId={myId} />,
    },
  ];
  return (
    <Table
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={items}
      loading={loading}
      scroll={{ x: 900 }}
      locale={{ emptyText: <Empty description="此队列暂无办件" /> }}
      rowSelection={
        selectable
          ? {
              selectedRowKeys: selected,
              onChange: (keys) => onSelect(keys.map(String)),
              getCheckboxProps: (row) => ({ 'aria-label': `选择 ${row.applicationNumber}` }),
            }
          : undefined
      }
      pagination={{ ...pagination, showSizeChanger: false, showTotal: (total) => `共 ${total} 件` }}
    />
  );
}

function ClaimCell({ row, myId }: { row: QueueCase; myId: string }) {
  const refresh = useRefreshWorkbench();
  const { message } = AntApp.useApp();
  const claim = useMutation({
    mutationFn: () => apiSend('post', '/api/v1/cases/{id}/claim', { path: { id: row.id } }),
    onSuccess: () => void refresh(),
    onError: (error) => void message.error(userMessageOf(error)),
  });
  const release = useMutation({
    mutationFn: () =>
      apiSend('post', '/api/v1/cases/{id}/assign', { path: { id: row.id }, body: { assigneeId: null } }),
    onSuccess: () => void refresh(),
    onError: (error) => void message.error(userMessageOf(error)),
  });
  if (!row.assigneeId) {
    return (
      <Button size="small" onClick={() => claim.mutate()} loading={claim.isPending}>
        认领
      </Button>
    );
  }
  if (row.assigneeId === myId) {
    return (
      <Space size="small">
        <span>我</span>
        <Button size="small" onClick={() => release.mutate()} loading={release.isPending}>
          释放
        </Button>
      </Space>
    );
  }
  return <span className="muted">已由他人认领</span>;
}

/** 批量分配 for leads: to oneself, to a colleague by account ID, or back to the pool. */
function BulkAssign({ selected, myId, onDone }: { selected: string[]; myId: string; onDone: () => void }) {
  const refresh = useRefreshWorkbench();
  const [target, setTarget] = useState<'me' | 'none' | 'other'>('me');
  const [other, setOther] = useState('');
  const assign = useMutation({
    mutationFn: () =>
      apiSend('post', '/api/v1/workbench/assignments', {
        body: {
          caseIds: selected,
          assigneeId: target === 'me' ? myId : target === 'none' ? null : other.trim(),
        },
      }),
    onSuccess: () => {
      onDone();
      void refresh();
    },
  });
  return (
    <section className="workbench-bulk" aria-label="批量分配">
      <span>已选 {selected.length} 件，</span>
      <Select
        value={target}
        onChange={setTarget}
        aria-label="分配对象"
        options={[
          { value: 'me', label: '分配给我' },
          { value: 'other', label: '分配给其他工作人员' },
          { value: 'none', label: '退回待认领' },
        ]}
        className="workbench-bulk-select"
      />
      {target === 'other' ? (
        <Input
          value={other}
          onChange={(event) => setOther(event.target.value)}
          placeholder="工作人员账户 ID"
          aria-label="工作人员账户 ID"
          className="workbench-bulk-input"
        />
      ) : null}
      <Button
        type="primary"
        disabled={selected.length === 0 || (target === 'other' && other.trim() === '')}
        loading={assign.isPending}
        onClick={() => assign.mutate()}
      >
        批量分配
      </Button>
      {assign.isError ? <Alert type="error" showIcon title={userMessageOf(assign.error)} /> : null}
    </section>
  );
}
