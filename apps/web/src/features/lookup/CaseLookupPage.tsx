import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Tag, Timeline } from 'antd';
import { apiGet, userMessageOf } from '../../api/client';
import { useT } from '../../shared/i18n';
import { formatDateTime, STATUS_COLORS } from '../../shared/labels';
import { Panel } from '../../shared/Panel';

/** 办件查询: a case's status and public timeline by its number and the applicant's ID, without signing in. */
export function CaseLookupPage() {
  const t = useT();
  const [form] = Form.useForm<{ number: string; identifier: string }>();
  const lookup = useMutation({
    mutationFn: (query: { number: string; identifier: string }) =>
      apiGet('/api/v1/case-lookup', {
        query: { number: query.number.trim(), identifier: query.identifier.trim().toUpperCase() },
      }),
  });
  const result = lookup.data;

  return (
    <section className="page-section narrow-page" aria-labelledby="lookup-heading">
      <title>{`${t('lookup.title')} - ${t('app.name')}`}</title>
      <h1 id="lookup-heading" className="page-title">
        {t('lookup.title')}
      </h1>
      <p className="page-subtitle">无需登录，输入受理编号或申请编号，以及申请人证件号码即可查询办理进度。</p>
      <Panel title="查询条件">
        <Form form={form} layout="vertical" onFinish={(values) => lookup.mutate(values)}>
          <Form.Item
            name="number"
            label="受理编号或申请编号"
            rules={[{ required: true, min: 10, max: 40, message: '请输入 10～40 位编号' }]}
          >
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="identifier"
            label="申请人证件号码（公民身份号码或统一社会信用代码）"
            rules={[{ required: true, min: 15, max: 18, message: '请输入 15～18 位证件号码' }]}
          >
            <Input autoComplete="off" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={lookup.isPending}>
            查询
          </Button>
        </Form>
      </Panel>
      <div className="verify-result" aria-live="polite">
        {lookup.isError ? <Alert type="error" showIcon title={userMessageOf(lookup.error)} /> : null}
        {result ? (
          <Panel title={result.itemName}>
            <p>
              状态：
              <Tag color={STATUS_COLORS[result.status]} data-testid="lookup-status">
                {result.statusLabel}
              </Tag>
            </p>
            <p>
              申请编号 {result.applicationNumber}
              {result.caseNumber ? ` · 受理编号 ${result.caseNumber}` : ''}
              {result.promisedDue ? ` · 承诺办结 ${result.promisedDue}` : ''}
            </p>
            <Timeline
              items={result.timeline.map((entry, index) => ({
                key: index,
                title: formatDateTime(entry.at),
                content: entry.label,
              }))}
            />
          </Panel>
        ) : null}
      </div>
    </section>
  );
}
