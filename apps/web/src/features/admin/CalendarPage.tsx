import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Empty, Form, Input, InputNumber, Table } from 'antd';
import { apiCallUntyped, apiGet, userMessageOf } from '../../api/client';
import { Panel } from '../../shared/Panel';
import { QueryErrorAlert } from '../../shared/QueryErrorAlert';
import { WorkbenchNav } from '../workbench/WorkbenchNav';

/** 工作日历: the years the deadline calendar knows, and adding a year from the State Council notice. */
export function CalendarPage() {
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
      <title>工作日历 - 管理后台</title>
      <h1 id="calendar-heading" className="page-title">
        工作日历
      </h1>
      <WorkbenchNav />
      <div className="stack">
        <Panel title="已录入的年份">
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
                { title: '年份', dataIndex: 'year' },
                { title: '依据', dataIndex: 'source' },
                {
                  title: '放假',
                  key: 'holidays',
                  render: (_, y) => y.holidays.map((h) => `${h.name} ${h.from}～${h.to}`).join('；'),
                },
                {
                  title: '调休上班',
                  key: 'makeup',
                  render: (_, y) => y.makeUpWorkdays.map((d) => d.date).join('、') || '无',
                },
              ]}
            />
          )}
        </Panel>
        <Panel title="按国务院办公厅通知录入新年份">
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
            解析并录入
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
