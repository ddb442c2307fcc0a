import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { ApiError, apiGet, apiSend, userMessageOf } from '../../api/client';
import type { BodyOf, FormSchema, ResponseOf } from '../../api/types';
import { ErrorState } from '../../shared/ErrorState';
import { useT } from '../../shared/i18n';
import { PageSkeleton } from '../../shared/PageSkeleton';
import { Panel } from '../../shared/Panel';
import { EMPTY_FORM, SchemaForm } from '../apply/SchemaForm';
import { AdminNav } from './AdminNav';
import { optionsOf, SECTOR_LABELS } from './admin.labels';

type EntryAdmin = ResponseOf<'/api/v1/catalogue/entries/{id}', 'get'>;
type Content = BodyOf<'/api/v1/catalogue/entries/{id}/draft', 'put'>['content'];
type Guide = Content['guide'];
type Step = Content['process']['steps'][number];
interface Violation {
  rule: string;
  field: string;
  message: string;
}

const ONLINE_DEPTHS = [
  { value: 1, label: '一级 在线咨询' },
  { value: 2, label: '二级 下载表格' },
  { value: 3, label: '三级 在线预审' },
  { value: 4, label: '四级 全程网办' },
];
const STEP_KINDS: Record<string, string> = {
  acceptance: '受理',
  preliminary_review: '初审',
  review: '审查',
  decision: '决定',
  production: '制证',
  delivery: '送达',
};

/** The entry's id: given by the quality report, or found from its code through the published version. */
function useEntryId(code: string, given: string | null) {
  return useQuery({
    queryKey: ['admin', 'entry-id', code, given],
    queryFn: async ({ signal }) => {
      if (given) return given;
      const guide = await apiGet('/api/v1/items/{code}', { path: { code }, signal });
      const version = await apiGet('/api/v1/catalogue/versions/{versionId}', {
        path: { versionId: guide.versionId },
        signal,
      });
      return version.entryId;
    },
    staleTime: Number.POSITIVE_INFINITY,
  });
}

function contentOf(entry: EntryAdmin): Content | null {
  const source = entry.draft ?? entry.published;
  return source ? (JSON.parse(JSON.stringify(source)) as Content) : null;
}

/**
 * 事项编辑: a draft of an implementation entry — guide fields, materials, the form (JSON Schema with
 * a live preview in the hall's renderer) and process steps — saved, then published once every
 * quality rule passes. Running cases keep the version they started on.
 */
export function EntryEditorPage() {
  const { code = '' } = useParams();
  const [params] = useSearchParams();
  const id = useEntryId(code, params.get('entry'));
  const entry = useQuery({
    queryKey: ['admin', 'entry', id.data],
    queryFn: ({ signal }) =>
      apiGet('/api/v1/catalogue/entries/{id}', { path: { id: id.data ?? '' }, signal }),
    enabled: Boolean(id.data),
  });
  if (id.isError) return <ErrorState error={id.error} onRetry={() => void id.refetch()} />;
  if (entry.isError) return <ErrorState error={entry.error} onRetry={() => void entry.refetch()} />;
  if (!entry.data) return <PageSkeleton />;
  return <Editor key={entry.data.id} entry={entry.data} />;
}

function Editor({ entry }: { entry: EntryAdmin }) {
  const t = useT();
  const client = useQueryClient();
  const [content, setContent] = useState<Content | null>(() => contentOf(entry));
  const [violations, setViolations] = useState<Violation[]>([]);
  const latestVersion = Math.max(0, ...entry.versions.map((v) => v.version));
  const save = useMutation({
    mutationFn: (next: Content) =>
      apiSend('put', '/api/v1/catalogue/entries/{id}/draft', {
        path: { id: entry.id },
        body: { content: next },
      }),
    onSuccess: (saved) => client.setQueryData(['admin', 'entry', entry.id], saved),
  });
  const publish = useMutation({
    mutationFn: async (next: Content) => {
      await save.mutateAsync(next);
      return apiSend('post', '/api/v1/catalogue/entries/{id}/publish', { path: { id: entry.id }, body: {} });
    },
    onMutate: () => setViolations([]),
    onSuccess: (published) => {
      client.setQueryData(['admin', 'entry', entry.id], published);
      void client.invalidateQueries({ queryKey: ['admin', 'quality'] });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'CATALOGUE_QUALITY_FAILED') {
        setViolations((error.details as { violations?: Violation[] }).violations ?? []);
      }
    },
  });
  if (!content) return <Alert type="warning" showIcon title="该实施清单没有可编辑的内容" />;
  const update = (patch: Partial<Content>) => setContent({ ...content, ...patch });
  const published = entry.versions.find((v) => v.status === 'published');

  return (
    <section className="page-section" aria-labelledby="entry-heading">
      <title>{`${entry.name} - 事项编辑`}</title>
      <h1 id="entry-heading" className="page-title">
        {entry.name}
      </h1>
      <p className="page-subtitle">
        实施编码 {entry.implementationCode} · 当前发布版本{' '}
        <span data-testid="published-version">{published ? `v${published.version}` : '无'}</span>
        {entry.draft ? (
          <Tag color="orange" className="left-gap">
            有未发布的草稿 v{latestVersion}
          </Tag>
        ) : null}
      </p>
      <AdminNav />
      <div className="stack">
        <Tabs
          items={[
            {
              key: 'guide',
              label: t('admin.entry.guide'),
              children: <GuideEditor guide={content.guide} onChange={(guide) => update({ guide })} />,
            },
            {
              key: 'materials',
              label: t('admin.entry.materials'),
              children: (
                <JsonEditor
                  label="申请材料（JSON）"
                  value={content.materials}
                  onChange={(materials) => update({ materials: materials as Content['materials'] })}
                />
              ),
            },
            {
              key: 'form',
              label: t('admin.entry.form'),
              children: <FormEditor form={content.form} onChange={(form) => update({ form })} />,
            },
            {
              key: 'process',
              label: t('admin.entry.process'),
              children: (
                <ProcessEditor
                  steps={content.process.steps}
                  onChange={(steps) => update({ process: { steps } })}
                />
              ),
            },
          ]}
        />
        {violations.length > 0 ? (
          <Alert
            type="error"
            showIcon
            title={`发布失败：有 ${violations.length} 项质量规则未通过`}
            data-testid="quality-report"
            description={
              <ul className="quality-list">
                {violations.map((v) => (
                  <li key={`${v.rule}-${v.field}`}>
                    {v.message}（{v.field}）
                  </li>
                ))}
              </ul>
            }
          />
        ) : null}
        {publish.isSuccess ? (
          <Alert
            type="success"
            showIcon
            title={`已发布新版本 v${published?.version ?? ''}；办理中的办件继续按原版本办理。`}
            data-testid="publish-success"
          />
        ) : null}
        {(save.isError && !publish.isError) || (publish.isError && violations.length === 0) ? (
          <Alert type="error" showIcon title={userMessageOf(publish.error ?? save.error)} />
        ) : null}
        <Space>
          <Button onClick={() => save.mutate(content)} loading={save.isPending && !publish.isPending}>
            {t('admin.entry.saveDraft')}
          </Button>
          <Button
            type="primary"
            onClick={() => publish.mutate(content)}
            loading={publish.isPending}
            data-testid="publish"
          >
            {t('admin.entry.publish')}
          </Button>
        </Space>
      </div>
    </section>
  );
}

function GuideEditor({ guide, onChange }: { guide: Guide; onChange: (guide: Guide) => void }) {
  const set = <K extends keyof Guide>(key: K, value: Guide[K]) => onChange({ ...guide, [key]: value });
  const days = (limit: Guide['legalTimeLimit']) => (limit.kind === 'working_days' ? limit.days : 0);
  const limit = (value: number | null): Guide['legalTimeLimit'] =>
    value && value > 0 ? { kind: 'working_days', days: value } : { kind: 'immediate' };
  return (
    <Panel title="指南要素">
      <Form layout="vertical">
        <Form.Item label="网办深度" htmlFor="guide-online-depth">
          <Select
            id="guide-online-depth"
            value={guide.onlineDepth}
            options={ONLINE_DEPTHS}
            onChange={(value) => set('onlineDepth', value)}
          />
        </Form.Item>
        <Form.Item label="到办事现场次数" htmlFor="guide-visits">
          <InputNumber
            id="guide-visits"
            min={0}
            max={5}
            value={guide.visits}
            onChange={(value) => set('visits', value ?? 0)}
          />
        </Form.Item>
        <Form.Item label="到现场理由（次数大于 0 时必填）" htmlFor="guide-visit-reason">
          <Input
            id="guide-visit-reason"
            value={guide.visitReason ?? ''}
            onChange={(event) => {
              const { visitReason: _omit, ...rest } = guide;
              onChange(event.target.value ? { ...rest, visitReason: event.target.value } : (rest as Guide));
            }}
          />
        </Form.Item>
        <Form.Item label="法定办结时限（工作日，0 为即办）" htmlFor="guide-legal">
          <InputNumber
            id="guide-legal"
            min={0}
            max={365}
            value={days(guide.legalTimeLimit)}
            onChange={(value) => set('legalTimeLimit', limit(value))}
          />
        </Form.Item>
        <Form.Item label="承诺办结时限（工作日，0 为即办）" htmlFor="guide-promised">
          <InputNumber
            id="guide-promised"
            min={0}
            max={365}
            value={days(guide.promisedTimeLimit)}
            onChange={(value) => set('promisedTimeLimit', limit(value))}
          />
        </Form.Item>
        <Form.Item label="咨询电话" htmlFor="guide-consultation">
          <Input
            id="guide-consultation"
            value={guide.consultation.phone}
            onChange={(event) => set('consultation', { ...guide.consultation, phone: event.target.value })}
          />
        </Form.Item>
        <Form.Item label="监督投诉电话" htmlFor="guide-complaint">
          <Input
            id="guide-complaint"
            value={guide.complaint.phone}
            onChange={(event) => set('complaint', { ...guide.complaint, phone: event.target.value })}
          />
        </Form.Item>
        <Form.Item label="受理条件（每行一条）" htmlFor="guide-conditions">
          <Input.TextArea
            id="guide-conditions"
            autoSize={{ minRows: 2 }}
            value={guide.acceptanceConditions.join('\n')}
            onChange={(event) => set('acceptanceConditions', event.target.value.split('\n'))}
          />
        </Form.Item>
        <Form.Item label="最多跑一次" htmlFor="guide-one-visit">
          <Switch
            id="guide-one-visit"
            checked={guide.atMostOneVisit}
            onChange={(value) => set('atMostOneVisit', value)}
          />
        </Form.Item>
      </Form>
      <Descriptions
        size="small"
        column={1}
        items={[
          {
            key: 'other',
            label: '其他指南要素',
            children: '收费、办理地点、特别程序等保留原值，可通过目录导入导出批量维护。',
          },
        ]}
      />
    </Panel>
  );
}

/** A JSON value edited as text; applied only when it parses. */
function JsonEditor({
  label,
  value,
  onChange,
}: {
  label: string;
  value: unknown;
  onChange: (value: unknown) => void;
}) {
  const [text, setText] = useState(() => JSON.stringify(value, null, 2));
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="json-editor stack">
      <label htmlFor={`json-${label}`}>{label}</label>
      <Input.TextArea
        id={`json-${label}`}
        value={text}
        autoSize={{ minRows: 10, maxRows: 30 }}
        spellCheck={false}
        onChange={(event) => {
          setText(event.target.value);
          try {
            onChange(JSON.parse(event.target.value));
            setError(null);
          } catch (failure) {
            setError(failure instanceof Error ? failure.message : 'JSON 格式错误');
          }
        }}
      />
      {error ? <Alert type="error" showIcon title="JSON 格式错误，修改尚未生效" description={error} /> : null}
    </div>
  );
}

function FormEditor({
  form,
  onChange,
}: {
  form: Content['form'];
  onChange: (form: Content['form']) => void;
}) {
  const [preview] = Form.useForm();
  const schema = useMemo(() => (form as FormSchema | null) ?? EMPTY_FORM, [form]);
  const valid = schema && typeof schema === 'object' && typeof schema.properties === 'object';
  useEffect(() => preview.resetFields(), [preview]);
  return (
    <div className="desk-layout">
      <JsonEditor
        label="表单 JSON Schema"
        value={form}
        onChange={(value) => onChange(value as Content['form'])}
      />
      <Panel title="预览（与网上办事大厅一致）">
        {valid ? (
          <SchemaForm schema={schema} profile={{}} form={preview} initial={{}} />
        ) : (
          <p className="muted">表单结构不完整，无法预览。</p>
        )}
      </Panel>
    </div>
  );
}

function ProcessEditor({ steps, onChange }: { steps: Step[]; onChange: (steps: Step[]) => void }) {
  const set = (index: number, patch: Partial<Step>) =>
    onChange(steps.map((step, i) => (i === index ? ({ ...step, ...patch } as Step) : step)));
  return (
    <Table
      rowKey="key"
      size="small"
      pagination={false}
      dataSource={steps}
      scroll={{ x: 700 }}
      columns={[
        { title: '环节', key: 'kind', render: (_, step) => STEP_KINDS[step.kind] ?? step.kind },
        {
          title: '名称',
          key: 'name',
          render: (_, step, index) => (
            <Input
              aria-label={`环节 ${index + 1} 名称`}
              value={step.name}
              onChange={(event) => set(index, { name: event.target.value })}
            />
          ),
        },
        {
          title: '时限（工作日）',
          key: 'days',
          render: (_, step, index) => (
            <InputNumber
              aria-label={`环节 ${index + 1} 时限`}
              min={0}
              max={60}
              value={step.workingDays}
              onChange={(value) => set(index, { workingDays: value ?? 0 })}
            />
          ),
        },
        {
          title: '并联审查部门',
          key: 'joint',
          render: (_, step, index) =>
            step.kind === 'review' ? (
              <Select
                mode="multiple"
                aria-label={`环节 ${index + 1} 并联部门`}
                className="full-width"
                value={step.jointSectors ?? []}
                options={optionsOf(SECTOR_LABELS)}
                onChange={(value: string[]) => {
                  const { jointSectors: _omit, ...rest } = step;
                  onChange(
                    steps.map((s, i) =>
                      i === index
                        ? ((value.length > 0 ? { ...rest, jointSectors: value } : rest) as Step)
                        : s,
                    ),
                  );
                }}
              />
            ) : (
              '—'
            ),
        },
      ]}
    />
  );
}
