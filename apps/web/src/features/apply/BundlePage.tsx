import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Form, Progress, Result, Tag } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { apiGet, apiSend, newIdempotencyKey, userMessageOf } from '../../api/client';
import type { BundleApplication, FormSchema } from '../../api/types';
import { currentPath, useSignedIn } from '../../auth/auth';
import { startLogin } from '../../auth/oidc';
import { ButtonLink } from '../../shared/ButtonLink';
import { ErrorState } from '../../shared/ErrorState';
import { useT } from '../../shared/i18n';
import { NECESSITY, SOURCE_CHANNELS, STATUS_LABELS } from '../../shared/labels';
import { PageSkeleton } from '../../shared/PageSkeleton';
import { Panel } from '../../shared/Panel';
import { RegionSwitcher, useSelectedRegion } from '../home/RegionSwitcher';
import { useApplicantProfile } from './profile';
import { cleanValues, initialValues, SchemaForm } from './SchemaForm';
import { ACCEPTED_TYPES, uploadMaterial } from './upload';
import './apply.css';

/**
 * 一件事: a life or business event's items in one application — one combined form (each fact
 * once), each material once, fanned out by the server into a case per member item.
 */
export function BundlePage() {
  const { code = '' } = useParams();
  const t = useT();
  const [region] = useSelectedRegion();
  const signedIn = useSignedIn();
  const { profile, applicant } = useApplicantProfile();
  const [form] = Form.useForm();
  const [keys] = useState(() => ({ create: newIdempotencyKey() }));
  const [chosen, setChosen] = useState<string[] | null>(null);
  const [application, setApplication] = useState<BundleApplication | null>(null);
  const [uploaded, setUploaded] = useState<Record<string, string>>({});
  const [progress, setProgress] = useState<Record<string, number>>({});
  const regionCode = region && region.length === 6 && !region.endsWith('0000') ? region : null;

  const bundle = useQuery({
    queryKey: ['bundle-form', code, regionCode],
    queryFn: ({ signal }) =>
      apiGet('/api/v1/bundles/{code}/form', { path: { code }, query: { region: regionCode ?? '' }, signal }),
    enabled: regionCode !== null,
  });
  const info = useQuery({
    queryKey: ['bundle', code],
    queryFn: ({ signal }) => apiGet('/api/v1/bundles/{code}', { path: { code }, signal }),
  });

  const create = useMutation({
    mutationFn: (values: Record<string, unknown>) =>
      apiSend('post', '/api/v1/bundle-applications', {
        body: {
          bundleCode: code,
          regionCode: regionCode ?? '',
          members: chosen ?? undefined,
          form: cleanValues(values),
          applicant: { ...applicant, identifier: applicant.identifier ?? '' },
          submit: false,
        },
        idempotencyKey: keys.create,
      }),
    onSuccess: setApplication,
  });
  const upload = useMutation({
    mutationFn: ({ key, file }: { key: string; file: File }) =>
      uploadMaterial(`/api/v1/bundle-applications/${application?.id}/materials/${key}`, file, (percent) =>
        setProgress((p) => ({ ...p, [key]: percent })),
      ).then(() => setUploaded((u) => ({ ...u, [key]: file.name }))),
  });
  const submit = useMutation({
    mutationFn: () =>
      apiSend('post', '/api/v1/bundle-applications/{id}/submit', {
        path: { id: application?.id ?? '' },
        idempotencyKey: newIdempotencyKey(),
      }),
    onSuccess: setApplication,
  });

  if (info.isPending) return <PageSkeleton />;
  if (info.isError) return <ErrorState error={info.error} onRetry={() => void info.refetch()} />;
  const schema = bundle.data?.form as FormSchema | undefined;
  const members = bundle.data?.members ?? [];
  const selected = chosen ?? members.filter((m) => m.available && !m.condition).map((m) => m.basicCode);

  return (
    <section className="page-section" aria-labelledby="bundle-heading">
      <title>{`${info.data.name} - ${t('app.name')}`}</title>
      <h1 id="bundle-heading" className="page-title">
        {info.data.name}
      </h1>
      <p className="page-subtitle">{info.data.description}</p>
      <div className="stack">
        <Panel title="办理地区">
          <RegionSwitcher compact />
          {regionCode ? null : <p className="muted">请选择区县，查看该地区可联办的事项和一表申请内容。</p>}
        </Panel>
        {bundle.isError ? <ErrorState error={bundle.error} onRetry={() => void bundle.refetch()} /> : null}
        {bundle.data && schema ? (
          <>
            <Panel title="联办事项">
              <ul className="materials-list">
                {members.map((member) => (
                  <li key={member.basicCode} className="material-row">
                    <Checkbox
                      disabled={!member.available || application !== null}
                      checked={selected.includes(member.basicCode)}
                      onChange={(event) =>
                        setChosen(
                          event.target.checked
                            ? [...selected, member.basicCode]
                            : selected.filter((c) => c !== member.basicCode),
                        )
                      }
                    >
                      <strong>{member.name}</strong> {member.department ? `· ${member.department}` : ''}
                    </Checkbox>
                    {member.condition ? <span className="muted">适用情形：{member.condition}</span> : null}
                    {member.available ? null : <Tag>本地区暂未开通</Tag>}
                  </li>
                ))}
              </ul>
            </Panel>
            {application === null ? (
              <Panel title={schema.title || '一表申请'}>
                {signedIn ? (
                  <>
                    <SchemaForm
                      schema={schema}
                      profile={profile}
                      form={form}
                      initial={initialValues(schema, profile)}
                    />
                    {create.error ? (
                      <Alert type="error" showIcon title={userMessageOf(create.error)} />
                    ) : null}
                    <Button
                      type="primary"
                      loading={create.isPending}
                      onClick={() =>
                        form.validateFields().then(
                          (values: Record<string, unknown>) =>
                            create.mutate({ ...form.getFieldsValue(true), ...values }),
                          () => {},
                        )
                      }
                    >
                      保存并上传材料
                    </Button>
                  </>
                ) : (
                  <Button type="primary" onClick={() => void startLogin(currentPath())}>
                    登录后申请
                  </Button>
                )}
              </Panel>
            ) : application.status === 'draft' ? (
              <Panel title="申请材料（每份只交一次）">
                <ul className="materials-list">
                  {bundle.data.materials.map((material) => (
                    <li key={material.key} className="material-row">
                      <div className="material-row-head">
                        <h3 className="material-title">{material.name}</h3>
                        <Tag>{NECESSITY[material.necessity] ?? material.necessity}</Tag>
                        <Tag>{SOURCE_CHANNELS[material.sourceChannel] ?? material.sourceChannel}</Tag>
                      </div>
                      {uploaded[material.key] ? (
                        <p className="material-provided">已上传：{uploaded[material.key]}</p>
                      ) : null}
                      {material.sourceChannel === 'applicant' ? (
                        <label className="file-label">
                          <span className="visually-hidden">上传{material.name}</span>
                          <input
                            type="file"
                            accept={ACCEPTED_TYPES}
                            onChange={(event) => {
                              const file = event.target.files?.[0];
                              if (file) upload.mutate({ key: material.key, file });
                            }}
                          />
                        </label>
                      ) : (
                        <p className="muted">由部门间共享或电子证照获取，无需上传。</p>
                      )}
                      {progress[material.key] !== undefined && !uploaded[material.key] ? (
                        <Progress percent={progress[material.key]} size="small" />
                      ) : null}
                    </li>
                  ))}
                </ul>
                {upload.error ? <Alert type="error" showIcon title={userMessageOf(upload.error)} /> : null}
                {submit.error ? <Alert type="error" showIcon title={userMessageOf(submit.error)} /> : null}
                <Button type="primary" loading={submit.isPending} onClick={() => submit.mutate()}>
                  一次提交全部事项
                </Button>
              </Panel>
            ) : (
              <Result
                status="success"
                title={<h2 className="result-heading">一件事申请已提交</h2>}
                subTitle="各部门将并联办理，以下是各事项的办件："
                extra={application.members.map((member) => (
                  <p key={member.caseId}>
                    <ButtonLink to={`/my-cases/${member.caseId}`} type="link">
                      {member.itemName}（{member.applicationNumber}）· {STATUS_LABELS[member.status]}
                    </ButtonLink>
                  </p>
                ))}
              />
            )}
          </>
        ) : regionCode && bundle.isPending ? (
          <PageSkeleton />
        ) : null}
      </div>
    </section>
  );
}
