import { useQuery } from '@tanstack/react-query';
import { Empty, Pagination, Skeleton, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { apiGet } from '../../api/client';
import type { CaseSummary } from '../../api/types';
import { ButtonLink } from '../../shared/ButtonLink';
import { useT } from '../../shared/i18n';
import { formatDateTime, STATUS_COLORS } from '../../shared/labels';
import { QueryErrorAlert } from '../../shared/QueryErrorAlert';
import './my-cases.css';

const PAGE_SIZE = 10;

/** A due date with its warning colour (yellow when due soon, red when overdue). */
export function DueDate({ date, warning }: { date: string | null; warning?: string }) {
  if (!date) return <span className="muted">—</span>;
  const color = warning === 'red' ? 'red' : warning === 'yellow' ? 'gold' : undefined;
  return color ? (
    <Tag color={color}>
      {date}
      {warning === 'red' ? '（已超期）' : '（即将到期）'}
    </Tag>
  ) : (
    <span>{date}</span>
  );
}

/** 我的办件: the signed-in applicant's cases, newest first, with status and deadlines. */
export function MyCasesPage() {
  const t = useT();
  const [page, setPage] = useState(1);
  const cases = useQuery({
    queryKey: ['cases', page],
    queryFn: ({ signal }) => apiGet('/api/v1/cases', { query: { page, pageSize: PAGE_SIZE }, signal }),
    placeholderData: (previous) => previous,
  });

  return (
    <section className="page-section" aria-labelledby="my-cases-heading">
      <title>{`${t('cases.title')} - ${t('app.name')}`}</title>
      <h1 id="my-cases-heading" className="page-title">
        {t('cases.title')}
      </h1>
      {cases.isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : cases.isError ? (
        <QueryErrorAlert title="办件列表加载失败" error={cases.error} onRetry={() => void cases.refetch()} />
      ) : cases.data.items.length === 0 ? (
        <Empty description="您还没有办件。找到要办的事项，阅读办事指南后即可在线申请。">
          <ButtonLink to="/services" type="primary">
            去办事
          </ButtonLink>
        </Empty>
      ) : (
        <>
          <ul className="case-list">
            {cases.data.items.map((item) => (
              <CaseRow key={item.id} item={item} />
            ))}
          </ul>
          {cases.data.total > PAGE_SIZE ? (
            <Pagination
              current={page}
              pageSize={PAGE_SIZE}
              total={cases.data.total}
              onChange={setPage}
              showSizeChanger={false}
            />
          ) : null}
        </>
      )}
    </section>
  );
}

function CaseRow({ item }: { item: CaseSummary }) {
  return (
    <li className="case-row">
      <div className="case-row-head">
        <Link to={`/my-cases/${item.id}`} className="case-row-name">
          {item.itemName}
        </Link>
        <Tag color={STATUS_COLORS[item.status]}>{item.statusLabel}</Tag>
      </div>
      <dl className="case-facts">
        <div>
          <dt>申请编号</dt>
          <dd>{item.applicationNumber}</dd>
        </div>
        {item.caseNumber ? (
          <div>
            <dt>受理编号</dt>
            <dd>{item.caseNumber}</dd>
          </div>
        ) : null}
        <div>
          <dt>申请时间</dt>
          <dd>{formatDateTime(item.createdAt)}</dd>
        </div>
        <div>
          <dt>承诺办结</dt>
          <dd>
            <DueDate date={item.promisedDue} warning={item.warningLevel} />
          </dd>
        </div>
      </dl>
    </li>
  );
}
