import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Empty, Form, Input, InputNumber, Table } from 'antd';
import { apiCallUntyped, apiGet, userMessageOf } from '../../api/client';
import { useT } from '../../shared/i18n';
import { Panel } from '../../shared/Panel';
import { QueryErrorAlert } from '../../shared/QueryErrorAlert';
import { AdminNav, AdminTitle } from './AdminNav';

/** 工作日历: the years the deadline calendar knows, and adding a year from the State Council notice. */
export function CalendarPage() {
  const t = useT();
  const client = useQueryClient();
  const years = useQuery({
    queryKey: ['admin', 'calendar'],
    queryFn: ({ signal }) => apiGet('/api/v1/calendar/years', { signal }),
  });
  const [form] = Form.useForm();
  const add = useMutation({
    mutationFn: async () => {
      const values = await form.validateFields();
      const query = new URLSearchParams({ year: String(values.year), source: values.source });
      return apiCallUntyped('POST', `/api/v1/calendar/years/import?${query}`, { body: values.text });
    },
    onSuccess: () => {
      form.resetFields();
      void client.invalidateQueries({ queryKey: ['admin', 'calendar'] });
    },
  });
  return (
    <section className="page-section" aria-labelledby="calendar-heading">
      <AdminTitle page={t('admin.calendar.title')} />
      <h1 id="calendar-heading" className="page-title">
        {t('admin.calendar.title')}
      </h1>
      <AdminNav />
      <div className="stack">
        <Panel title={t('admin.calendar.years')}>
          {years.isError ? (
            <QueryErrorAlert title="日历加载失败" error={years.error} onRetry={() => void years.refetch()} />
          ) : (
            <Table
              rowKey="year"
              size="middle"
              loading={years.isPending}
              dataSource={years.data?.items ?? []}
              pagination={false}
              locale={{ emptyText: <Empty description="尚未录入任何年份" /> }}
              columns={[
                { title: t('admin.col.year'), dataIndex: 'year' },
                { title: t('admin.col.source'), dataIndex: 'source' },
                {
                  title: t('admin.col.holidays'),
                  key: 'holidays',
                  render: (_, y) => y.holidays.map((h) => `${h.name} ${h.from}～${h.to}`).join('；'),
                },
                {
                  title: t('admin.col.workdays'),
                  key: 'makeup',
                  render: (_, y) => y.makeUpWorkdays.map((d) => d.date).join('、') || '无',
                },
              ]}
            />
          )}
        </Panel>
        <Panel title={t('admin.calendar.new')}>
          <Form form={form} layout="vertical">
            <Form.Item name="year" label="年份" rules={[{ required: true }]}>
              <InputNumber min={2000} max={2100} />
            </Form.Item>
            <Form.Item name="source" label="通知名称及文号" rules={[{ required: true, min: 4 }]}>
              <Input />
            </Form.Item>
            <Form.Item name="text" label="通知正文（放假安排部分）" rules={[{ required: true, min: 10 }]}>
              <Input.TextArea autoSize={{ minRows: 6 }} />
            </Form.Item>
          </Form>
          <Button type="primary" onClick={() => add.mutate()} loading={add.isPending}>
            {t('admin.calendar.add')}
          </Button>
          {add.isError ? (
            <Alert className="top-gap" type="error" showIcon title={userMessageOf(add.error)} />
          ) : null}
          {add.isSuccess ? <Alert className="top-gap" type="success" showIcon title="已录入" /> : null}
        </Panel>
      </div>
    </section>
  );
}
