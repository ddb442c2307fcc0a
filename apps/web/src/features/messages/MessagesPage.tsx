import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Empty, Pagination, Segmented, Skeleton } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { apiGet, apiSend } from '../../api/client';
import { useT } from '../../shared/i18n';
import { formatDateTime } from '../../shared/labels';
import { QueryErrorAlert } from '../../shared/QueryErrorAlert';
import './messages.css';

const PAGE_SIZE = 20;

/** 我的消息: what the platform told the signed-in account about its cases, newest first. */
export function MessagesPage() {
  const t = useT();
  const client = useQueryClient();
  const [page, setPage] = useState(1);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const messages = useQuery({
    queryKey: ['messages', page, unreadOnly],
    queryFn: ({ signal }) =>
      apiGet('/api/v1/me/messages', {
        query: { page, pageSize: PAGE_SIZE, ...(unreadOnly ? { unread: true } : {}) },
        signal,
      }),
    placeholderData: (previous) => previous,
  });
  const refresh = () => client.invalidateQueries({ queryKey: ['messages'] });
  const readOne = useMutation({
    mutationFn: (id: string) => apiSend('post', '/api/v1/me/messages/{id}/read', { path: { id } }),
    onSuccess: refresh,
  });
  const readAll = useMutation({
    mutationFn: () => apiSend('post', '/api/v1/me/messages/read-all'),
    onSuccess: refresh,
  });

  return (
    <section className="page-section" aria-labelledby="messages-heading">
      <title>{`${t('messages.title')} - ${t('app.name')}`}</title>
      <div className="messages-head">
        <h1 id="messages-heading" className="page-title">
          {t('messages.title')}{' '}
          {messages.data && messages.data.unread > 0 ? (
            <Badge count={messages.data.unread} aria-label={`${messages.data.unread} 条未读`} />
          ) : null}
        </h1>
        <div className="messages-tools">
          <Segmented
            aria-label="显示范围"
            value={unreadOnly ? 'unread' : 'all'}
            options={[
              { label: '全部', value: 'all' },
              { label: '未读', value: 'unread' },
            ]}
            onChange={(value) => {
              setUnreadOnly(value === 'unread');
              setPage(1);
            }}
          />
          <Button
            onClick={() => readAll.mutate()}
            loading={readAll.isPending}
            disabled={!messages.data || messages.data.unread === 0}
          >
            全部标为已读
          </Button>
        </div>
      </div>
      {messages.isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : messages.isError ? (
        <QueryErrorAlert
          title="消息加载失败"
          error={messages.error}
          onRetry={() => void messages.refetch()}
        />
      ) : messages.data.items.length === 0 ? (
        <Empty
          description={
            unreadOnly ? '没有未读消息。' : '还没有消息。提交申请后，受理、补正、办结等进展都会在这里告诉您。'
          }
        />
      ) : (
        <>
          <ul className="message-list">
            {messages.data.items.map((message) => (
              <li key={message.id} className={message.readAt ? 'message read' : 'message unread'}>
                <div className="message-meta">
                  {message.readAt ? null : <Badge status="processing" text="未读" />}
                  <time dateTime={message.createdAt}>{formatDateTime(message.createdAt)}</time>
                </div>
                <h2 className="message-title">{message.title}</h2>
                <p className="message-body">{message.body}</p>
                <div className="message-actions">
                  {message.link ? (
                    <Link to={message.link} onClick={() => message.readAt || readOne.mutate(message.id)}>
                      查看办件
                    </Link>
                  ) : null}
                  {message.readAt ? null : (
                    <Button type="link" size="small" onClick={() => readOne.mutate(message.id)}>
                      标为已读
                    </Button>
                  )}
                </div>
              </li>
            ))}
          </ul>
          {messages.data.total > PAGE_SIZE ? (
            <Pagination
              current={page}
              pageSize={PAGE_SIZE}
              total={messages.data.total}
              onChange={setPage}
              showSizeChanger={false}
            />
          ) : null}
        </>
      )}
    </section>
  );
}
