import { EyeOutlined, FilePdfOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Empty, Input, Modal, Space, Table, Tag, Timeline } from 'antd';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { apiSend, userMessageOf } from '../../api/client';
import type { CaseAction } from '../../api/types';
import { useMe } from '../../auth/auth';
import { ErrorState } from '../../shared/ErrorState';
import { type MessageKey, useT } from '../../shared/i18n';
import {
  formatDateTime,
  MATERIAL_SOURCES,
  NECESSITY,
  NOTICE_KINDS,
  STATUS_COLORS,
  STATUS_LABELS,
} from '../../shared/labels';
import { PageSkeleton } from '../../shared/PageSkeleton';
import { Panel } from '../../shared/Panel';
import { ActionDialog } from './ActionDialog';
import { STAFF_ACTIONS } from './actions';
import { DeadlineTag } from './DeadlineTag';
import { ScrollRegion } from './ScrollRegion';
import { WorkbenchNav } from './WorkbenchNav';
import {
  type EntryVersion,
  fetchBlobUrl,
  type StaffCaseView,
  useCaseLicences,
  useEntryVersion,
  useRefreshWorkbench,
  useStaffCase,
} from './workbench.api';
import './workbench.css';

/**
 * 办件办理台: everything about one case a member of staff needs to act on it — the applicant
 * (masked, with an audited reveal), the form, the materials (viewed inline), verified licences,
 * joint opinions, both clocks, the timeline — and exactly the actions the case engine allows now.
 */
export function CaseDeskPage() {
  const { id = '' } = useParams();
  const view = useStaffCase(id);
  const version = useEntryVersion(view.data?.versionId);
  const [action, setAction] = useState<CaseAction | null>(null);
  const t = useT();
  if (view.isPending) return <PageSkeleton />;
  if (view.isError) return <ErrorState error={view.error} onRetry={() => void view.refetch()} />;
  const data = view.data;
  // The engine's answer for this caller: allowed now and theirs to take (none when they only read it).
  const offered = data.yourActions.filter((name) => STAFF_ACTIONS[name]);
  const readOnly = data.readOnly;

  return (
    <section className="page-section" aria-labelledby="desk-heading">
      <title>{`${data.itemName} ${data.applicationNumber} - ${t('workbench.desk.title')}`}</title>
      <h1 id="desk-heading" className="page-title">
        {data.itemName}{' '}
        <Tag color={STATUS_COLORS[data.status]} data-testid="desk-status">
          {STATUS_LABELS[data.status] ?? data.status}
        </Tag>
      </h1>
      <p className="page-subtitle">
        申请编号 {data.applicationNumber}
        {data.caseNumber ? ` · 受理编号 ${data.caseNumber}` : ''} ·{' '}
        {data.channel === 'window' ? '窗口受理' : '网上申请'}
        {version.data ? (
          <>
            {' '}
            · 按事项第 <span data-testid="case-version">{version.data.version}</span> 版办理
          </>
        ) : null}
      </p>
      <WorkbenchNav />
      <div className="desk-layout">
        <div className="stack">
          <ApplicantPanel view={data} />
          <FormPanel view={data} version={version.data} />
          <MaterialsPanel view={data} />
          <LicencesPanel caseId={data.id} />
          {data.jointOpinions.length > 0 || data.jointRounds.length > 0 ? <JointPanel view={data} /> : null}
          {data.corrections.length > 0 ? <CorrectionsPanel view={data} version={version.data} /> : null}
          <TimelinePanel view={data} />
        </div>
        <div className="stack">
          <Panel title={t('workbench.desk.actions')}>
            {readOnly ? null : <ClaimBar view={data} />}
            {data.extensionRequest ? <ExtensionRequest view={data} /> : null}
            {readOnly ? (
              <Alert type="info" showIcon data-testid="desk-read-only" title={t('workbench.desk.readOnly')} />
            ) : offered.length === 0 ? (
              <p className="muted">{t('workbench.desk.noActions')}</p>
            ) : (
              <div className="desk-actions" data-testid="desk-actions">
                {offered.map((name) => (
                  <Button
                    key={name}
                    type={STAFF_ACTIONS[name]?.danger ? 'default' : 'primary'}
                    danger={STAFF_ACTIONS[name]?.danger}
                    onClick={() => setAction(name)}
                    data-action={name}
                  >
                    {t(`workbench.action.${name}` as MessageKey) ?? STAFF_ACTIONS[name]?.label}
                  </Button>
                ))}
              </div>
            )}
            {data.status === 'submitted' && data.yourActions.includes('accept') ? (
              <PreReview caseId={data.id} />
            ) : null}
          </Panel>
          <ClocksPanel view={data} />
          <NoticesPanel view={data} />
          {readOnly ? null : <CommentPanel caseId={data.id} />}
        </div>
      </div>
      {action ? (
        <ActionDialog action={action} view={data} version={version.data} onClose={() => setAction(null)} />
      ) : null}
    </section>
  );
}

function ClaimBar({ view }: { view: StaffCaseView }) {
  const me = useMe();
  const refresh = useRefreshWorkbench();
  const t = useT();
  const assignee = view.assigneeId;
  const claim = useMutation({
    mutationFn: () => apiSend('post', '/api/v1/cases/{id}/claim', { path: { id: view.id } }),
    onSuccess: () => void refresh(),
  });
  const release = useMutation({
    mutationFn: () =>
      apiSend('post', '/api/v1/cases/{id}/assign', { path: { id: view.id }, body: { assigneeId: null } }),
    onSuccess: () => void refresh(),
  });
  const error = claim.error ?? release.error;
  return (
    <div className="stack">
      <Space wrap>
        {assignee === me.data?.id ? (
          <>
            <Tag color="blue">{t('workbench.desk.mine')}</Tag>
            <Button size="small" onClick={() => release.mutate()} loading={release.isPending}>
              {t('workbench.release')}
            </Button>
          </>
        ) : (
          <Button size="small" onClick={() => claim.mutate()} loading={claim.isPending}>
            {t('workbench.desk.claim')}
          </Button>
        )}
      </Space>
      {error ? <Alert type="error" showIcon title={userMessageOf(error)} /> : null}
    </div>
  );
}

function PreReview({ caseId }: { caseId: string }) {
  const refresh = useRefreshWorkbench();
  const pass = useMutation({
    mutationFn: () => apiSend('post', '/api/v1/cases/{id}/pre-review', { path: { id: caseId } }),
    onSuccess: () => void refresh(),
  });
  return (
    <div className="stack">
      <Button onClick={() => pass.mutate()} loading={pass.isPending} disabled={pass.isSuccess}>
        {pass.isSuccess ? '预审已通过' : '预审通过（转受理）'}
      </Button>
      {pass.isError ? <Alert type="error" showIcon title={userMessageOf(pass.error)} /> : null}
    </div>
  );
}

function ApplicantPanel({ view }: { view: StaffCaseView }) {
  const reveal = useMutation({
    mutationFn: () => apiSend('post', '/api/v1/cases/{id}/applicant/reveal', { path: { id: view.id } }),
  });
  const t = useT();
  return (
    <Panel
      title={t('workbench.desk.applicant')}
      extra={
        reveal.data ? null : (
          <Button
            size="small"
            icon={<EyeOutlined />}
            onClick={() => reveal.mutate()}
            loading={reveal.isPending}
          >
            {t('workbench.desk.reveal')}
          </Button>
        )
      }
    >
      <Descriptions
        column={{ xs: 1, sm: 2 }}
        size="small"
        items={[
          { key: 'name', label: '名称', children: view.applicant.name },
          { key: 'kind', label: '类型', children: view.applicant.kind === 'enterprise' ? '法人' : '自然人' },
          {
            key: 'id',
            label: '证件号码',
            children: (
              <span data-testid="applicant-identifier">
                {reveal.data?.identifier ?? view.applicant.identifier}
              </span>
            ),
          },
          ...(reveal.data ? [{ key: 'mobile', label: '手机号码', children: reveal.data.mobile ?? '—' }] : []),
        ]}
      />
      {reveal.data ? <p className="muted">已显示完整信息；本次查看已记入审计日志。</p> : null}
      {reveal.isError ? <Alert type="error" showIcon title={userMessageOf(reveal.error)} /> : null}
    </Panel>
  );
}

function FormPanel({ view, version }: { view: StaffCaseView; version: EntryVersion | undefined }) {
  const properties = version?.content.form?.properties ?? {};
  const entries = Object.entries(view.form);
  const t = useT();
  return (
    <Panel title={t('workbench.desk.form')}>
      {entries.length === 0 ? (
        <Empty description="本事项无需填写申请表" />
      ) : (
        <Descriptions
          column={1}
          size="small"
          bordered
          items={entries.map(([name, value]) => {
            const field = properties[name];
            const prefill = field?.['x-prefill'];
            return {
              key: name,
              label: field?.title ?? name,
              children: (
                <span>
                  {typeof value === 'boolean' ? (value ? '是' : '否') : String(value ?? '—')}{' '}
                  {prefill ? (
                    <Tag color="green">
                      可核验来源：
                      {prefill.source === 'profile'
                        ? '实名信息'
                        : prefill.source === 'licence'
                          ? '电子证照'
                          : '共享数据'}
                    </Tag>
                  ) : null}
                </span>
              ),
            };
          })}
        />
      )}
    </Panel>
  );
}

function MaterialsPanel({ view }: { view: StaffCaseView }) {
  const [open, setOpen] = useState<{ key: string; name: string } | null>(null);
  const t = useT();
  return (
    <Panel title={t('workbench.desk.materials')}>
      <ScrollRegion label={t('workbench.desk.materials')} minWidth={560}>
        <Table
          rowKey="key"
          size="small"
          pagination={false}
          dataSource={view.materials}
          columns={[
            { title: '材料', dataIndex: 'name' },
            { title: '必要性', key: 'necessity', render: (_, m) => NECESSITY[m.necessity] ?? m.necessity },
            {
              title: '提交情况',
              key: 'provided',
              render: (_, m) =>
                m.provided ? (
                  <span>
                    <Tag color="green">{MATERIAL_SOURCES[m.provided.source] ?? m.provided.source}</Tag>
                    {m.provided.fileName ?? m.provided.reference ?? ''}
                  </span>
                ) : (
                  <Tag>未提交</Tag>
                ),
            },
            {
              title: '查看',
              key: 'view',
              render: (_, m) =>
                m.provided?.source === 'upload' ? (
                  <Button
                    size="small"
                    onClick={() => setOpen({ key: m.key, name: m.name })}
                    data-view={m.key}
                  >
                    {t('workbench.desk.view')}
                  </Button>
                ) : null,
            },
          ]}
        />
      </ScrollRegion>
      {open ? <MaterialViewer caseId={view.id} material={open} onClose={() => setOpen(null)} /> : null}
    </Panel>
  );
}

/** A material's file shown inline: fetched with the bearer token into a blob URL, freed on close. */
function MaterialViewer({
  caseId,
  material,
  onClose,
}: {
  caseId: string;
  material: { key: string; name: string };
  onClose: () => void;
}) {
  const file = useQuery({
    queryKey: ['workbench', 'material-file', caseId, material.key],
    queryFn: () => fetchBlobUrl(`/api/v1/cases/${caseId}/materials/${material.key}`),
    gcTime: 0,
    staleTime: Number.POSITIVE_INFINITY,
  });
  useEffect(() => {
    const url = file.data?.url;
    return () => {
      if (url) URL.revokeObjectURL(url);
    };
  }, [file.data?.url]);
  return (
    <Modal open title={material.name} onCancel={onClose} footer={null} width={860}>
      {file.isPending ? <p role="status">正在加载…</p> : null}
      {file.isError ? (
        <Alert type="error" showIcon title="材料加载失败" description={userMessageOf(file.error)} />
      ) : null}
      {file.data ? (
        file.data.type.startsWith('image/') ? (
          <img src={file.data.url} alt={material.name} className="material-viewer-image" />
        ) : (
          <iframe
            src={file.data.url}
            title={material.name}
            className="material-viewer"
            data-testid="material-frame"
          />
        )
      ) : null}
    </Modal>
  );
}

function LicencesPanel({ caseId }: { caseId: string }) {
  const uses = useCaseLicences(caseId);
  const t = useT();
  return (
    <Panel title={t('workbench.desk.licences')}>
      {uses.isError ? (
        <Alert type="warning" showIcon title="证照核验信息暂不可用" description={userMessageOf(uses.error)} />
      ) : (uses.data?.items.length ?? 0) === 0 ? (
        <p className="muted">{uses.isPending ? '正在加载…' : '本件未使用电子证照。'}</p>
      ) : (
        <ScrollRegion label={t('workbench.desk.licences')} minWidth={560}>
          <Table
            rowKey={(row) => row.use.id}
            size="small"
            pagination={false}
            dataSource={uses.data?.items ?? []}
            columns={[
              { title: '证照', key: 'type', render: (_, row) => row.licence.typeName },
              { title: '持证主体', key: 'holder', render: (_, row) => row.licence.holder.name },
              { title: '签发机构', key: 'issuer', render: (_, row) => row.licence.issuer.name },
              {
                title: '状态',
                key: 'status',
                render: (_, row) => (
                  <Tag color={row.licence.status === 'valid' ? 'green' : 'red'}>
                    {row.licence.status === 'valid' ? '有效' : row.licence.status}
                  </Tag>
                ),
              },
              {
                title: '用证等级',
                key: 'grade',
                render: (_, row) => `${row.use.grade} ${row.use.gradeLabel}`,
              },
            ]}
          />
        </ScrollRegion>
      )}
    </Panel>
  );
}

type Opinion = StaffCaseView['jointOpinions'][number];

function OpinionTable({ opinions, label }: { opinions: Opinion[]; label: string }) {
  return (
    <ScrollRegion label={label} minWidth={480}>
      <Table
        rowKey="departmentId"
        size="small"
        pagination={false}
        dataSource={opinions}
        columns={[
          { title: '部门', dataIndex: 'departmentName' },
          {
            title: '意见',
            key: 'opinion',
            render: (_, o) =>
              o.opinion === null ? (
                <Tag>待出具</Tag>
              ) : o.opinion === 'approve' ? (
                <Tag color="green">同意</Tag>
              ) : (
                <Tag color="red">不同意</Tag>
              ),
          },
          { title: '说明', key: 'comment', render: (_, o) => o.comment ?? '—' },
          { title: '时间', key: 'at', render: (_, o) => (o.at ? formatDateTime(o.at) : '—') },
        ]}
      />
    </ScrollRegion>
  );
}

/** 并联审查意见: the current joint step's opinions, then every completed round (kept after the step). */
function JointPanel({ view }: { view: StaffCaseView }) {
  const t = useT();
  return (
    <Panel title={t('workbench.desk.joint')}>
      <div className="stack" data-testid="joint-opinions">
        {view.jointOpinions.length > 0 ? (
          <section aria-label="本环节意见">
            <h3 className="desk-subheading">{view.step?.name ?? '当前环节'}（进行中）</h3>
            <OpinionTable opinions={view.jointOpinions} label={`${view.step?.name ?? ''}意见`} />
          </section>
        ) : null}
        {view.jointRounds.map((round) => (
          <section key={`${round.stepKey}-${round.completedAt}`} aria-label={`${round.stepName}意见`}>
            <h3 className="desk-subheading">
              {round.stepName}（{formatDateTime(round.completedAt)} 完成）
            </h3>
            <OpinionTable
              opinions={round.opinions}
              label={`${round.stepName}意见（${formatDateTime(round.completedAt)}）`}
            />
          </section>
        ))}
      </div>
    </Panel>
  );
}

/** 延期申请 waiting for the approver: who asked, why, how many working days. */
function ExtensionRequest({ view }: { view: StaffCaseView }) {
  const request = view.extensionRequest;
  if (!request) return null;
  return (
    <Alert
      type="warning"
      showIcon
      className="top-gap"
      data-testid="extension-request"
      title={`延期申请待审批：延长 ${request.extensionDays} 个工作日`}
      description={`理由：${request.reason}（${formatDateTime(request.requestedAt)} 提出）`}
    />
  );
}

function CorrectionsPanel({ view, version }: { view: StaffCaseView; version: EntryVersion | undefined }) {
  const nameOf = (subject: string, kind: string) =>
    kind === 'material'
      ? (version?.content.materials.find((m) => m.key === subject)?.name ?? subject)
      : (version?.content.form?.properties[subject]?.title ?? subject);
  const t = useT();
  return (
    <Panel title={t('workbench.desk.corrections')}>
      <ol>
        {view.corrections.map((c) => (
          <li key={`${c.kind}-${c.subject}`}>
            {c.kind === 'material' ? '材料' : '表单'}「{nameOf(c.subject, c.kind)}」：{c.reason}
          </li>
        ))}
      </ol>
    </Panel>
  );
}

function ClocksPanel({ view }: { view: StaffCaseView }) {
  const c = view.clocks;
  const t = useT();
  return (
    <Panel title={t('workbench.desk.clocks')}>
      <Descriptions
        column={1}
        size="small"
        items={[
          {
            key: 'step',
            label: '当前环节',
            children: view.step ? `${view.step.name}（${view.step.due ?? '—'} 前）` : '—',
          },
          { key: 'received', label: '收件日期', children: c.receivedOn ?? '—' },
          { key: 'completeness', label: '材料审核截止', children: c.completenessDue ?? '—' },
          { key: 'accepted', label: '受理日期', children: c.acceptedOn ?? '—' },
          {
            key: 'promised',
            label: `承诺时限${c.promisedLimitDays !== null ? `（${c.promisedLimitDays} 个工作日）` : ''}`,
            children: (
              <span data-testid="promised-due">
                <DeadlineTag date={c.promisedDue} level={c.warningLevel} />
              </span>
            ),
          },
          {
            key: 'legal',
            label: `法定时限${c.legalLimitDays !== null ? `（${c.legalLimitDays} 个工作日）` : ''}`,
            children: <span data-testid="legal-due">{c.legalDue ?? '—'}</span>,
          },
          {
            key: 'extension',
            label: '延长',
            children: (
              <span data-testid="extension-days">
                {c.extensionDays ? `${c.extensionDays} 个工作日` : '无'}
              </span>
            ),
          },
          {
            key: 'paused',
            label: '特别程序不计时',
            children: c.pausedDays ? `${c.pausedDays} 个工作日` : '无',
          },
          ...(c.suspendedOn ? [{ key: 'suspended', label: '中止日期', children: c.suspendedOn }] : []),
          ...(c.deliveryDue ? [{ key: 'delivery', label: '送达截止', children: c.deliveryDue }] : []),
        ]}
      />
    </Panel>
  );
}

function NoticesPanel({ view }: { view: StaffCaseView }) {
  const [error, setError] = useState<unknown>(null);
  const open = async (noticeId: string) => {
    setError(null);
    try {
      const { url } = await fetchBlobUrl(`/api/v1/cases/${view.id}/notices/${noticeId}`);
      window.open(url, '_blank', 'noopener');
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (failure) {
      setError(failure);
    }
  };
  const t = useT();
  return (
    <Panel title={t('workbench.desk.notices')}>
      {view.notices.length === 0 ? (
        <p className="muted">尚未出具文书。</p>
      ) : (
        <ul className="plain-list">
          {view.notices.map((notice) => (
            <li key={notice.id}>
              <Button
                type="link"
                icon={<FilePdfOutlined />}
                onClick={() => void open(notice.id)}
                data-notice={notice.kind}
              >
                {NOTICE_KINDS[notice.kind] ?? notice.kind} {notice.documentNumber}
              </Button>
            </li>
          ))}
        </ul>
      )}
      {error ? <Alert type="error" showIcon title={userMessageOf(error)} /> : null}
    </Panel>
  );
}

function TimelinePanel({ view }: { view: StaffCaseView }) {
  const t = useT();
  return (
    <Panel title={t('workbench.desk.timeline')}>
      <Timeline
        items={view.timeline.map((entry) => {
          const details = entry.details as Record<string, unknown>;
          const note = ['comment', 'reason', 'text', 'content', 'result']
            .map((k) => details[k])
            .find((v) => typeof v === 'string');
          return {
            key: entry.seq,
            children: (
              <div data-timeline={entry.action}>
                <strong>{entry.label}</strong> <span className="muted">{formatDateTime(entry.at)}</span>
                {note ? <div>{String(note)}</div> : null}
              </div>
            ),
          };
        })}
      />
    </Panel>
  );
}

function CommentPanel({ caseId }: { caseId: string }) {
  const refresh = useRefreshWorkbench();
  const [text, setText] = useState('');
  const add = useMutation({
    mutationFn: () =>
      apiSend('post', '/api/v1/cases/{id}/comments', { path: { id: caseId }, body: { text } }),
    onSuccess: () => {
      setText('');
      void refresh();
    },
  });
  const t = useT();
  return (
    <Panel title={t('workbench.desk.comments')}>
      <Input.TextArea
        value={text}
        onChange={(event) => setText(event.target.value)}
        aria-label="内部意见"
        placeholder="仅工作人员可见"
        autoSize={{ minRows: 2 }}
        maxLength={2000}
      />
      <Button
        className="top-gap"
        onClick={() => add.mutate()}
        disabled={text.trim() === ''}
        loading={add.isPending}
      >
        {t('workbench.desk.addComment')}
      </Button>
      {add.isError ? <Alert type="error" showIcon title={userMessageOf(add.error)} /> : null}
    </Panel>
  );
}
