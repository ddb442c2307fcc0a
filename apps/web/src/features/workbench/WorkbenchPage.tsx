import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App as AntApp, Badge, Button, Empty, Input, Radio, Select, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { apiGet, apiSend, userMessageOf } from '../../api/client';
import { useMe } from '../../auth/auth';
import { type MessageKey, useT } from '../../shared/i18n';
import { STATUS_LABELS } from '../../shared/labels';
import { QueryErrorAlert } from '../../shared/QueryErrorAlert';
import { DeadlineTag } from './DeadlineTag';
import { ScrollRegion } from './ScrollRegion';
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
  const t = useT();

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
    <section className="page-section workbench" aria-labelledby="workbench-heading">
      <title>{`${t('workbench.title')} - ${t('app.name')}`}</title>
      <h1 id="workbench-heading" className="page-title">
        {t('workbench.title')}
      </h1>
      <p className="page-subtitle">
        {me.data?.name ? `${me.data.name}${t('workbench.subtitle.comma')}` : ''}
        {t('workbench.subtitle')}
      </p>
      <WorkbenchNav />
      {counts.isError ? (
        <QueryErrorAlert
          title="队列数量加载失败"
          error={counts.error}
          onRetry={() => void counts.refetch()}
        />
      ) : null}
      {/* Links that wrap on a phone (a tab strip would hide queues behind a menu), bookmarkable. */}
      <nav aria-label={t('workbench.queues.label')}>
        <ul className="queue-tabs">
          {QUEUES.map((item) => (
            <li key={item.key}>
              <Link
                to={{ search: queueSearch(params, item.key) }}
                replace
                aria-current={item.key === queue ? 'page' : undefined}
                data-queue={item.key}
                onClick={() => setSelected([])}
              >
                {t(`workbench.queue.${item.key}` as MessageKey)}
                <Badge
                  count={counts.data?.[item.key] ?? 0}
                  showZero
                  overflowCount={999}
                  color={item.key === 'overdue' ? '#cf1322' : item.key === 'due_soon' ? '#ad6800' : '#1f5fbf'}
                />
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="workbench-filters">
        <Radio.Group
          value={assignee}
          onChange={(event) => update({ assignee: event.target.value === 'all' ? null : event.target.value })}
          optionType="button"
          aria-label={t('workbench.filter.label')}
          options={[
            { value: 'all', label: t('workbench.filter.all') },
            { value: 'me', label: t('workbench.filter.me') },
            { value: 'unassigned', label: t('workbench.filter.unassigned') },
          ]}
        />
        <Input.Search
          allowClear
          defaultValue={q}
          placeholder={t('workbench.search')}
          aria-label={t('workbench.search.label')}
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
  );
}

/** The URL search of another queue: the same filters, the first page. */
function queueSearch(params: URLSearchParams, queue: QueueName): string {
  const next = new URLSearchParams(params);
  next.set('queue', queue);
  next.delete('page');
  return `?${next.toString()}`;
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
  const t = useT();
  const columns: ColumnsType<QueueCase> = [
    {
      title: t('workbench.col.number'),
      key: 'number',
      render: (_, row) => (
        <Link to={`/workbench/cases/${row.id}`} data-case={row.id}>
          {row.caseNumber ?? row.applicationNumber}
        </Link>
      ),
    },
    { title: t('workbench.col.item'), dataIndex: 'itemName' },
    { title: t('workbench.col.applicant'), dataIndex: 'applicantName' },
    {
      title: t('workbench.col.status'),
      key: 'status',
      render: (_, row) => STATUS_LABELS[row.status] ?? row.statusLabel,
    },
    {
      title: t('workbench.col.promisedDue'),
      key: 'promisedDue',
      render: (_, row) => <DeadlineTag date={row.promisedDue} level={row.warningLevel} />,
    },
    { title: t('workbench.col.legalDue'), key: 'legalDue', render: (_, row) => row.legalDue ?? '—' },
    {
      title: t('workbench.col.assignee'),
      key: 'assignee',
      render: (_, row) => <ClaimCell row={row} myId={myId} />,
    },
  ];
  // An empty queue says so where a phone shows it, not in the middle of the wide table.
  if (items.length === 0 && !loading && pagination.total === 0)
    return <Empty description={t('workbench.empty')} className="top-gap" />;
  return (
    <ScrollRegion label={t('workbench.queue.table')} minWidth={860}>
      <Table
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={items}
        loading={loading}
        locale={{ emptyText: <Empty description={t('workbench.empty')} /> }}
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
    </ScrollRegion>
  );
}

function ClaimCell({ row, myId }: { row: QueueCase; myId: string }) {
  const refresh = useRefreshWorkbench();
  const t = useT();
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
        {t('workbench.claim')}
      </Button>
    );
  }
  if (row.assigneeId === myId) {
    return (
      <Space size="small">
        <span>{t('workbench.me')}</span>
        <Button size="small" onClick={() => release.mutate()} loading={release.isPending}>
          {t('workbench.release')}
        </Button>
      </Space>
    );
  }
  return <span className="muted">{t('workbench.claimedByOther')}</span>;
}

/** 批量分配 for leads: to oneself, to a colleague of their scope picked by name, or back to the pool. */
function BulkAssign({ selected, myId, onDone }: { selected: string[]; myId: string; onDone: () => void }) {
  const refresh = useRefreshWorkbench();
  const t = useT();
  const [target, setTarget] = useState<'me' | 'none' | 'other'>('me');
  const [colleague, setColleague] = useState<string | undefined>();
  const [search, setSearch] = useState('');
  // Filtered and paged by the server: only staff of the lead's scope who can take case work.
  const colleagues = useQuery({
    queryKey: ['workbench', 'colleagues', search],
    queryFn: ({ signal }) =>
      apiGet('/api/v1/workbench/colleagues', {
        query: { ...(search.trim() ? { q: search.trim() } : {}), pageSize: 20 },
        signal,
      }),
    enabled: target === 'other',
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const assign = useMutation({
    mutationFn: () =>
      apiSend('post', '/api/v1/workbench/assignments', {
        body: {
          caseIds: selected,
          assigneeId: target === 'me' ? myId : target === 'none' ? null : (colleague ?? ''),
        },
      }),
    onSuccess: () => {
      onDone();
      void refresh();
    },
  });
  return (
    <section className="workbench-bulk" aria-label={t('workbench.bulk.label')}>
      <span>
        {t('workbench.bulk.selected')}: <strong data-testid="bulk-selected">{selected.length}</strong>
      </span>
      <Select
        value={target}
        onChange={setTarget}
        aria-label={t('workbench.bulk.target')}
        options={[
          { value: 'me', label: t('workbench.bulk.toMe') },
          { value: 'other', label: t('workbench.bulk.toColleague') },
          { value: 'none', label: t('workbench.bulk.release') },
        ]}
        className="workbench-bulk-select"
        data-testid="bulk-target"
      />
      {target === 'other' ? (
        <Select
          showSearch
          filterOption={false}
          onSearch={setSearch}
          value={colleague}
          onChange={setColleague}
          placeholder={t('workbench.bulk.colleague')}
          aria-label={t('workbench.bulk.colleague')}
          loading={colleagues.isFetching}
          notFoundContent={
            colleagues.isError ? (
              userMessageOf(colleagues.error)
            ) : (
              <Empty description={t('workbench.bulk.noColleague')} />
            )
          }
          options={(colleagues.data?.items ?? []).map((c) => ({
            value: c.id,
            label: `${c.name}（${c.departmentName ?? '—'} · ${c.roles.map((r) => r.name).join('、')}）`,
          }))}
          className="workbench-bulk-input"
          data-testid="bulk-colleague"
        />
      ) : null}
      <Button
        type="primary"
        disabled={selected.length === 0 || (target === 'other' && !colleague)}
        loading={assign.isPending}
        onClick={() => assign.mutate()}
        data-testid="bulk-assign"
      >
        {t('workbench.bulk.submit')}
      </Button>
      {assign.isError ? <Alert type="error" showIcon title={userMessageOf(assign.error)} /> : null}
    </section>
  );
}
