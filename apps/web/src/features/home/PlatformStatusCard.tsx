import { ReloadOutlined } from '@ant-design/icons';
import { Badge, Button, Descriptions, type DescriptionsProps, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import type { Readiness } from '../../api/contract';
import { Panel } from '../../shared/Panel';
import { QueryErrorAlert } from '../../shared/QueryErrorAlert';
import { useReadiness } from './home.queries';

const databaseNames: Record<Readiness['database'], string> = {
  pglite: 'PGlite（嵌入式 PostgreSQL）',
  postgres: 'PostgreSQL',
};

const timeFormat = new Intl.DateTimeFormat('zh-CN', {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

function readinessItems(readiness: Readiness): DescriptionsProps['items'] {
  const { applied, pending } = readiness.migrations;
  return [
    {
      key: 'status',
      label: '运行状态',
      children: <Badge status="success" text="运行正常" />,
    },
    {
      key: 'database',
      label: '数据库',
      children: databaseNames[readiness.database] ?? readiness.database,
    },
    {
      key: 'migrations',
      label: '数据库迁移',
      children:
        pending > 0 ? (
          <Badge status="warning" text={`已执行 ${applied} 项，待执行 ${pending} 项`} />
        ) : (
          `已执行 ${applied} 项，均已完成`
        ),
    },
  ];
}

/** 平台状态: what `GET /readyz` says, refreshed every minute and on demand. */
export function PlatformStatusCard() {
  const readiness = useReadiness();

  let body: ReactNode;
  if (readiness.isPending) {
    body = (
      <div role="status" aria-live="polite">
        <span className="visually-hidden">平台状态加载中…</span>
        <Skeleton active title={false} paragraph={{ rows: 3 }} />
      </div>
    );
  } else if (readiness.isError) {
    body = (
      <QueryErrorAlert
        title="平台暂不可用"
        error={readiness.error}
        onRetry={() => void readiness.refetch()}
        retrying={readiness.isFetching}
      />
    );
  } else {
    body = (
      <>
        <Descriptions column={1} size="small" items={readinessItems(readiness.data)} />
        <p className="status-updated-at">更新于 {timeFormat.format(readiness.dataUpdatedAt)}</p>
      </>
    );
  }

  return (
    <Panel
      title="平台状态"
      extra={
        <Button
          type="text"
          icon={<ReloadOutlined />}
          aria-label="刷新平台状态"
          loading={readiness.isFetching}
          onClick={() => void readiness.refetch()}
        />
      }
    >
      {body}
    </Panel>
  );
}
