import { FilePdfOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Form, Input, Popconfirm, Tag, Timeline } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { apiGetBlob, apiSend, newIdempotencyKey, userMessageOf } from '../../api/client';
import type { CaseAction, CaseView } from '../../api/types';
import { ButtonLink } from '../../shared/ButtonLink';
import { ErrorState } from '../../shared/ErrorState';
import { useT } from '../../shared/i18n';
import {
  DELIVERY_METHODS,
  formatDateTime,
  MATERIAL_SOURCES,
  NOTICE_KINDS,
  STATUS_COLORS,
  STATUS_LABELS,
} from '../../shared/labels';
import { PageSkeleton } from '../../shared/PageSkeleton';
import { Panel } from '../../shared/Panel';
import { useCase } from '../apply/ApplyPage';
import { MaterialsList } from '../apply/MaterialsList';
import { useGuide } from '../services/guide.queries';
import { DueDate } from './MyCasesPage';
import { RatingPanel } from './RatingPanel';
import './my-cases.css';

/** 办件详情: status, current step, both deadlines, the correction notice, notices, delivery, timeline. */
export function CasePage() {
  const { id = '' } = useParams();
  const t = useT();
  const view = useCase(id);
  if (view.isPending) return <PageSkeleton />;
  if (view.isError) return <ErrorState error={view.error} onRetry={() => void view.refetch()} />;
  const data = view.data;
  const delivery = [...data.timeline].reverse().find((entry) => entry.action === 'deliver');

  return (
    <section className="page-section" aria-labelledby="case-heading">
      <title>{`${data.itemName} ${data.applicationNumber} - ${t('app.name')}`}</title>
      <h1 id="case-heading" className="page-title">
        {data.itemName}{' '}
        <Tag color={STATUS_COLORS[data.status]} data-testid="case-status">
          {STATUS_LABELS[data.status] ?? data.status}
        </Tag>
      </h1>
      <p className="page-subtitle">
        申请编号 {data.applicationNumber}
        {data.caseNumber ? ` · 受理编号 ${data.caseNumber}` : ''}
      </p>
      <div className="case-layout">
        <div className="stack">
          {data.status === 'draft' ? (
            <Alert
              type="info"
              showIcon
              title="申请尚未提交"
              description="草稿已保存，可以继续上传材料并提交。"
              action={
                <ButtonLink type="primary" to={`/services/${data.implementationCode}/apply?case=${data.id}`}>
                  继续申报
                </ButtonLink>
              }
            />
          ) : null}
          {data.status === 'correction_required' ? <CorrectionPanel view={data} /> : null}
          <Panel title="办理进度">
            <Descriptions
              column={{ xs: 1, sm: 2 }}
              size="small"
              items={[
                { key: 'step', label: '当前环节', children: data.step?.name ?? STATUS_LABELS[data.status] },
                { key: 'stepDue', label: '本环节时限', children: <DueDate date={data.step?.due ?? null} /> },
                { key: 'received', label: '收件日期', children: data.clocks.receivedOn ?? '—' },
                { key: 'completeness', label: '材料审核截止', children: data.clocks.completenessDue ?? '—' },
                { key: 'accepted', label: '受理日期', children: data.clocks.acceptedOn ?? '—' },
                {
                  key: 'promised',
                  label: '承诺办结日期',
                  children: <DueDate date={data.clocks.promisedDue} warning={data.clocks.warningLevel} />,
                },
                { key: 'legal', label: '法定办结日期', children: data.clocks.legalDue ?? '—' },
                ...(data.clocks.suspendedOn
                  ? [
                      {
                        key: 'suspended',
                        label: '特别程序',
                        children: `自 ${data.clocks.suspendedOn} 起暂停计时`,
                      },
                    ]
                  : []),
              ]}
            />
          </Panel>
          <Panel title="办理过程">
            <Timeline
              items={data.timeline.map((entry) => ({
                key: entry.seq,
                title: formatDateTime(entry.at),
                content: (
                  <>
                    <strong>{entry.label}</strong>
                    <span className="muted">（{STATUS_LABELS[entry.status] ?? entry.status}）</span>
                    {typeof entry.details.reason === 'string' ? (
                      <div>原因：{entry.details.reason}</div>
                    ) : null}
                  </>
                ),
              }))}
            />
          </Panel>
          {data.status === 'completed' ? <RatingPanel caseId={data.id} /> : null}
        </div>
        <div className="stack">
          <Panel title="文书">
            {data.notices.length === 0 ? (
              <p className="muted">暂无文书。受理、补正告知和决定文书出具后可在此下载。</p>
            ) : (
              <ul className="guide-list">
                {data.notices.map((notice) => (
                  <li key={notice.id}>
                    <NoticeLink caseId={data.id} notice={notice} />
                  </li>
                ))}
              </ul>
            )}
          </Panel>
          <Panel title="结果送达">
            {delivery ? (
              <Descriptions
                column={1}
                size="small"
                items={[
                  {
                    key: 'method',
                    label: '送达方式',
                    children:
                      DELIVERY_METHODS[String(delivery.details.method)] ??
                      String(delivery.details.method ?? '—'),
                  },
                  ...(delivery.details.trackingNumber
                    ? [
                        {
                          key: 'tracking',
                          label: '快递单号',
                          children: String(delivery.details.trackingNumber),
                        },
                      ]
                    : []),
                  { key: 'at', label: '送达时间', children: formatDateTime(delivery.at) },
                ]}
              />
            ) : (
              <p className="muted">办结后，结果将按您选择的方式送达；邮寄的可在此查看快递单号。</p>
            )}
          </Panel>
          <Panel title="申请材料">
            <ul className="guide-list">
              {data.materials.map((material) => (
                <li key={material.key}>
                  {material.name}：
                  {material.provided ? (
                    (MATERIAL_SOURCES[material.provided.source] ?? material.provided.source)
                  ) : (
                    <span className="muted">未提交</span>
                  )}
                </li>
              ))}
            </ul>
          </Panel>
          {data.allowedActions.includes('withdraw') ? <WithdrawButton view={data} /> : null}
        </div>
      </div>
    </section>
  );
}

function NoticeLink({ caseId, notice }: { caseId: string; notice: CaseView['notices'][number] }) {
  const [error, setError] = useState<unknown>(null);
  const name = NOTICE_KINDS[notice.kind] ?? notice.kind;
  const download = async () => {
    setError(null);
    try {
      const blob = await apiGetBlob(`/api/v1/cases/${caseId}/notices/${notice.id}`);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = `${notice.documentNumber}.pdf`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <>
      <Button type="link" icon={<FilePdfOutlined />} onClick={() => void download()}>
        {name}（{notice.documentNumber}）
      </Button>
      <span className="muted">{formatDateTime(notice.issuedAt)}</span>
      {error ? <Alert type="error" showIcon title={userMessageOf(error)} /> : null}
    </>
  );
}

/** A case action of the applicant, with its idempotency key kept across retries of one attempt. */
function useCaseAction(view: CaseView, action: CaseAction) {
  const queryClient = useQueryClient();
  const [key, setKey] = useState(newIdempotencyKey);
  return useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      apiSend('post', '/api/v1/cases/{id}/actions/{action}', {
        path: { id: view.id, action },
        body: { revision: view.revision, ...body },
        idempotencyKey: key,
      }),
    onSuccess: (updated) => {
      setKey(newIdempotencyKey());
      queryClient.setQueryData(['case', view.id], updated);
      void queryClient.invalidateQueries({ queryKey: ['cases'] });
    },
  });
}

/**
 * 一次性告知: the notice item by item — materials to upload again, fields to correct — answered in
 * one resubmission (the server refuses one that leaves a line unanswered).
 */
function CorrectionPanel({ view }: { view: CaseView }) {
  const guide = useGuide(view.implementationCode);
  const resubmit = useCaseAction(view, 'resubmit');
  const [form] = Form.useForm();
  const materialLines = view.corrections.filter((line) => line.kind === 'material');
  const fieldLines = view.corrections.filter((line) => line.kind === 'field');
  const notice = [...view.notices].reverse().find((n) => n.kind === 'correction');

  return (
    <Panel title="补正告知（一次性告知）" className="correction-panel">
      <Alert
        type="warning"
        showIcon
        title="请按以下内容补正后一次提交"
        description={
          <ol className="guide-list">
            {view.corrections.map((line) => {
              const material = view.materials.find((m) => m.key === line.subject);
              const field = guide.data?.form?.properties[line.subject];
              return (
                <li key={`${line.kind}-${line.subject}`} className="correction-line">
                  <strong>
                    {line.kind === 'material'
                      ? (material?.name ?? line.subject)
                      : (field?.title ?? line.subject)}
                  </strong>
                  ：{line.reason}
                </li>
              );
            })}
          </ol>
        }
      />
      {notice ? <NoticeLink caseId={view.id} notice={notice} /> : null}
      {materialLines.length > 0 && guide.data ? (
        <MaterialsList
          caseView={view}
          materials={guide.data.materials}
          only={materialLines.map((l) => l.subject)}
        />
      ) : null}
      {fieldLines.length > 0 && guide.data ? (
        <Form form={form} layout="vertical" initialValues={view.form}>
          {fieldLines.map((line) => (
            <Form.Item
              key={line.subject}
              name={line.subject}
              label={guide.data?.form?.properties[line.subject]?.title ?? line.subject}
              rules={[{ required: true, message: '请填写' }]}
            >
              <Input />
            </Form.Item>
          ))}
        </Form>
      ) : null}
      {resubmit.error ? <Alert type="error" showIcon title={userMessageOf(resubmit.error)} /> : null}
      <div className="wizard-actions">
        <Button
          type="primary"
          loading={resubmit.isPending}
          onClick={() => {
            if (fieldLines.length === 0) {
              resubmit.mutate({});
              return;
            }
            form.validateFields().then(
              (values: Record<string, unknown>) => resubmit.mutate({ form: values }),
              () => {},
            );
          }}
        >
          提交补正
        </Button>
      </div>
    </Panel>
  );
}

function WithdrawButton({ view }: { view: CaseView }) {
  const withdraw = useCaseAction(view, 'withdraw');
  return (
    <Panel title="撤回申请">
      <p className="muted">决定作出前可以撤回申请，撤回后办件终止。</p>
      <Popconfirm
        title="确定撤回这项申请吗？"
        description="撤回后如需办理，需要重新申请。"
        okText="撤回"
        cancelText="取消"
        onConfirm={() => withdraw.mutate({ reason: '申请人主动撤回' })}
      >
        <Button danger loading={withdraw.isPending}>
          撤回申请
        </Button>
      </Popconfirm>
      {withdraw.error ? <Alert type="error" showIcon title={userMessageOf(withdraw.error)} /> : null}
    </Panel>
  );
}
