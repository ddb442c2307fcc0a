import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Form, Input, Result, Steps } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { ApiError, apiGet, apiSend, newIdempotencyKey, userMessageOf } from '../../api/client';
import type { CaseView, Guide } from '../../api/types';
import { useMe } from '../../auth/auth';
import { useSession } from '../../auth/session';
import { ButtonLink } from '../../shared/ButtonLink';
import { ErrorState } from '../../shared/ErrorState';
import { useT } from '../../shared/i18n';
import { ASSURANCE, MATERIAL_SOURCES } from '../../shared/labels';
import { PageSkeleton } from '../../shared/PageSkeleton';
import { Panel } from '../../shared/Panel';
import { useGuide } from '../services/guide.queries';
import { type ApplyDraft, clearDraft, loadDraft, saveDraft } from './draft';
import { MaterialsList, mustProvide } from './MaterialsList';
import { useApplicantProfile } from './profile';
import { cleanValues, EMPTY_FORM, initialValues, SchemaForm } from './SchemaForm';
import './apply.css';

/** The written commitment (容缺承诺) sent with the materials the applicant ticked to supply later. */
const DEFERRAL_COMMITMENT =
  '本人承诺：所列容缺材料在受理后规定期限内补交，逾期未补交的，同意按规定退回申请。';

/** One case as its applicant sees it. */
export function useCase(id: string | undefined) {
  return useQuery({
    queryKey: ['case', id],
    queryFn: ({ signal }) => apiGet('/api/v1/cases/{id}', { path: { id: id ?? '' }, signal }),
    enabled: Boolean(id),
  });
}

const STEP_TITLES = ['填写申请表', '提交材料', '确认提交', '完成'];

/** 在线申报: form → materials → preview → submitted, with the draft kept and resumable. */
export function ApplyPage() {
  const { code = '' } = useParams();
  const guide = useGuide(code);
  if (guide.isPending) return <PageSkeleton />;
  if (guide.isError) return <ErrorState error={guide.error} onRetry={() => void guide.refetch()} />;
  return <ApplyWizard guide={guide.data} />;
}

function ApplyWizard({ guide }: { guide: Guide }) {
  const t = useT();
  const session = useSession();
  const me = useMe();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const user = session?.claims.act_for ?? session?.claims.sub ?? 'anonymous';
  const code = guide.implementationCode;
  const { profile, applicant } = useApplicantProfile();
  const schema = guide.form ?? EMPTY_FORM;
  const [form] = Form.useForm();
  const [draft, setDraft] = useState<ApplyDraft>(() => {
    const saved = loadDraft(user, code);
    const resumeId = params.get('case');
    const base: ApplyDraft = saved ?? {
      form: {},
      createKey: newIdempotencyKey(),
      submitKey: newIdempotencyKey(),
      deferred: {},
    };
    return resumeId ? { ...base, caseId: resumeId } : base;
  });
  const [step, setStep] = useState(draft.caseId ? 1 : 0);
  const [submitted, setSubmitted] = useState<CaseView | null>(null);
  const caseView = useCase(draft.caseId);
  const initial = useMemo(
    () => initialValues(schema, profile, caseView.data?.form ?? draft.form),
    [schema, caseView.data?.form, draft.form, profile],
  );

  const update = (patch: Partial<ApplyDraft>) =>
    setDraft((previous) => {
      const next = { ...previous, ...patch };
      saveDraft(user, code, next);
      return next;
    });

  // Keep the form in the local draft as it is typed (throttled by React's batching).
  const saveTimer = useRef<number | undefined>(undefined);
  const onValuesChange = () => {
    window.clearTimeout(saveTimer.current);
    saveTimer.current = window.setTimeout(() => update({ form: form.getFieldsValue(true) }), 400);
  };
  useEffect(() => () => window.clearTimeout(saveTimer.current), []);

  const create = useMutation({
    mutationFn: (values: Record<string, unknown>) => {
      const identifier = applicant.identifier ?? draft.identifier ?? '';
      return apiSend('post', '/api/v1/cases', {
        body: {
          implementationCode: code,
          form: cleanValues(values),
          applicant: { ...applicant, identifier },
          submit: false,
        },
        idempotencyKey: draft.createKey,
      });
    },
    onSuccess: (created) => {
      queryClient.setQueryData(['case', created.id], created);
      update({ caseId: created.id });
      setStep(1);
    },
    onError: (error) => {
      if (error instanceof ApiError) {
        form.setFields(
          error.fieldErrors
            .filter((f) => f.field.startsWith('body.form.'))
            .map((f) => ({ name: f.field.slice('body.form.'.length), errors: [f.message] })),
        );
      }
    },
  });

  const submit = useMutation({
    mutationFn: () => {
      // 容缺承诺: the materials the applicant ticked to supply after acceptance, with the promise as shown.
      const deferredMaterials = Object.entries(draft.deferred)
        .filter(([, committed]) => committed)
        .map(([key]) => key);
      return apiSend('post', '/api/v1/cases/{id}/actions/{action}', {
        path: { id: draft.caseId ?? '', action: 'submit' },
        body: deferredMaterials.length > 0 ? { deferredMaterials, commitment: DEFERRAL_COMMITMENT } : {},
        idempotencyKey: draft.submitKey,
      });
    },
    onSuccess: (view) => {
      clearDraft(user, code);
      queryClient.setQueryData(['case', view.id], view);
      void queryClient.invalidateQueries({ queryKey: ['cases'] });
      setSubmitted(view);
      setStep(3);
    },
  });

  const required = guide.guide.requiredAssurance;
  const assurance = me.data?.assurance ?? session?.claims.assurance_level ?? 'self_declared';
  const tooLow = required && (ASSURANCE[assurance]?.rank ?? 0) < (ASSURANCE[required]?.rank ?? 0);
  const materialsReady =
    caseView.data !== undefined &&
    guide.materials
      .filter(mustProvide)
      .every(
        (m) =>
          caseView.data?.materials.find((c) => c.key === m.key)?.provided ||
          (m.necessity === 'deferrable' && draft.deferred[m.key]),
      );
  const missing = caseView.data
    ? guide.materials.filter(
        (m) =>
          (mustProvide(m) || m.necessity === 'deferrable') &&
          !caseView.data?.materials.find((c) => c.key === m.key)?.provided &&
          !draft.deferred[m.key],
      )
    : [];

  if (draft.caseId && caseView.isError) {
    return <ErrorState error={caseView.error} onRetry={() => void caseView.refetch()} />;
  }
  if (caseView.data && caseView.data.status !== 'draft' && step < 3) {
    return (
      <section className="page-section narrow-page">
        <Result
          status="info"
          title={<h1 className="result-heading">该申请已提交</h1>}
          subTitle={`申请编号 ${caseView.data.applicationNumber}，请在“我的办件”查看进度。`}
          extra={
            <ButtonLink type="primary" to={`/my-cases/${caseView.data.id}`}>
              查看办件
            </ButtonLink>
          }
        />
      </section>
    );
  }

  return (
    <section className="page-section" aria-labelledby="apply-heading">
      <title>{`申报：${guide.name} - ${t('app.name')}`}</title>
      <h1 id="apply-heading" className="page-title">
        {guide.name}
      </h1>
      <p className="page-subtitle">
        {guide.department.name} · {guide.region.name}
      </p>
      <Steps
        className="apply-steps"
        current={step}
        items={STEP_TITLES.map((title) => ({ title }))}
        responsive
      />

      {tooLow ? (
        <Alert
          type="warning"
          showIcon
          title="身份核验等级不足"
          description={`办理本事项需要“${ASSURANCE[required ?? '']?.label}”，您当前为“${ASSURANCE[assurance]?.label}”。请先到政务服务窗口或通过人脸核验提升核验等级。`}
        />
      ) : null}

      {step === 0 ? (
        <Panel title={schema.title}>
          <p className="muted">
            带“已核验”标记的内容来自您的实名认证信息，不可修改。填写内容会自动保存为草稿。
          </p>
          {applicant.identifier ? null : (
            <Form layout="vertical">
              <Form.Item
                label="申请人证件号码（统一社会信用代码）"
                required
                extra="经办人代企业申请时，请填写企业的统一社会信用代码"
              >
                <Input
                  value={draft.identifier}
                  onChange={(event) => update({ identifier: event.target.value.trim().toUpperCase() })}
                  maxLength={18}
                />
              </Form.Item>
            </Form>
          )}
          <div onChangeCapture={onValuesChange}>
            <SchemaForm
              key={String(Boolean(caseView.data))}
              schema={schema}
              profile={profile}
              form={form}
              initial={initial}
              readOnly={Boolean(draft.caseId)}
            />
          </div>
          {draft.caseId ? (
            <Alert
              type="info"
              showIcon
              title="申请表已保存为草稿，如需修改内容，请提交后按补正要求修改，或重新申报。"
            />
          ) : null}
          {create.error ? <Alert type="error" showIcon title={userMessageOf(create.error)} /> : null}
          <div className="wizard-actions">
            <Button
              type="primary"
              loading={create.isPending}
              disabled={Boolean(tooLow)}
              onClick={() => {
                if (draft.caseId) {
                  setStep(1);
                  return;
                }
                form.validateFields().then(
                  (values: Record<string, unknown>) =>
                    create.mutate({ ...form.getFieldsValue(true), ...values }),
                  () => {},
                );
              }}
            >
              下一步：提交材料
            </Button>
          </div>
        </Panel>
      ) : null}

      {step === 1 ? (
        <Panel title="申请材料">
          {caseView.data ? (
            <>
              <p className="muted">
                支持 PDF、JPG、PNG、OFD 格式。已有电子证照的材料可直接使用，无需上传（免提交）。
              </p>
              <MaterialsList
                caseView={caseView.data}
                materials={guide.materials}
                deferred={draft.deferred}
                onDeferredChange={(key, committed) =>
                  update({ deferred: { ...draft.deferred, [key]: committed } })
                }
              />
              {missing.length > 0 ? (
                <Alert type="warning" showIcon title={`尚缺材料：${missing.map((m) => m.name).join('、')}`} />
              ) : null}
            </>
          ) : (
            <PageSkeleton />
          )}
          <div className="wizard-actions">
            <Button onClick={() => setStep(0)}>上一步</Button>
            <Button type="primary" disabled={!materialsReady} onClick={() => setStep(2)}>
              下一步：确认提交
            </Button>
          </div>
        </Panel>
      ) : null}

      {step === 2 && caseView.data ? (
        <Panel title="确认申请信息">
          <Descriptions
            bordered
            size="small"
            column={1}
            title="申请表"
            items={Object.entries(schema.properties).map(([name, field]) => ({
              key: name,
              label: field.title,
              children: formatValue(caseView.data?.form[name]),
            }))}
          />
          <Descriptions
            className="preview-materials"
            bordered
            size="small"
            column={1}
            title="申请材料"
            items={guide.materials.map((material) => {
              const provided = caseView.data?.materials.find((m) => m.key === material.key)?.provided;
              return {
                key: material.key,
                label: material.name,
                children: provided
                  ? `${MATERIAL_SOURCES[provided.source] ?? provided.source}${provided.fileName ? `：${provided.fileName}` : ''}`
                  : draft.deferred[material.key]
                    ? '容缺，承诺后补'
                    : material.sourceChannel === 'window_generated'
                      ? '窗口生成'
                      : '未提交',
              };
            })}
          />
          {submit.error ? <Alert type="error" showIcon title={userMessageOf(submit.error)} /> : null}
          <div className="wizard-actions">
            <Button onClick={() => setStep(1)}>上一步</Button>
            <Button type="primary" loading={submit.isPending} onClick={() => submit.mutate()}>
              提交申请
            </Button>
          </div>
        </Panel>
      ) : null}

      {step === 3 && submitted ? (
        <Result
          status="success"
          title={<h2 className="result-heading">申请已提交</h2>}
          subTitle={
            <p className="result-text">
              申请编号 <strong data-testid="application-number">{submitted.applicationNumber}</strong>。
              {submitted.clocks.completenessDue
                ? `我们将在 ${submitted.clocks.completenessDue} 前完成材料审核，需补正的会一次性告知。`
                : ''}
            </p>
          }
          extra={
            <ButtonLink type="primary" to={`/my-cases/${submitted.id}`}>
              查看办件进度
            </ButtonLink>
          }
        />
      ) : null}
    </section>
  );
}

/** A form value as the preview shows it. */
export function formatValue(value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  if (typeof value === 'boolean') return value ? '是' : '否';
  return String(value);
}
