import { FilePdfOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { validateCitizenId, validateCreditCode } from '@yiwang/codes';
import { Alert, Button, Descriptions, Empty, Form, Input, Radio, Select, Space } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError, apiGet, apiSend, newIdempotencyKey, userMessageOf } from '../../api/client';
import type { GuideMaterial } from '../../api/types';
import { useMe } from '../../auth/auth';
import { useT } from '../../shared/i18n';
import { Panel } from '../../shared/Panel';
import { MaterialsList } from '../apply/MaterialsList';
import { cleanValues, EMPTY_FORM, SchemaForm } from '../apply/SchemaForm';
import '../apply/apply.css';
import { useGuide } from '../services/guide.queries';
import { WorkbenchNav } from './WorkbenchNav';
import { fetchBlobUrl } from './workbench.api';
import './workbench.css';

type ApplicantKind = 'person' | 'enterprise';

const CITIZEN_ID_REASONS: Record<string, string> = {
  length: '公民身份号码应为 18 位',
  charset: '公民身份号码应为 17 位数字加 1 位数字或 X',
  region: '公民身份号码的地址码不正确',
  birth_date: '公民身份号码的出生日期不正确',
  check_char: '公民身份号码校验位不正确，请核对',
};
const CREDIT_CODE_REASONS: Record<string, string> = {
  length: '统一社会信用代码应为 18 位',
  charset: '统一社会信用代码含有不允许的字符',
  region: '统一社会信用代码的行政区划码不正确',
  org_code: '统一社会信用代码的组织机构代码校验不通过',
  check_char: '统一社会信用代码校验位不正确，请核对',
};

/** The same check digits as the server (packages/codes): GB 11643 or GB 32100. */
export function identifierProblem(kind: ApplicantKind, value: string): string | null {
  const text = value.trim().toUpperCase();
  if (kind === 'person') {
    const result = validateCitizenId(text);
    return result.ok ? null : (CITIZEN_ID_REASONS[result.reason] ?? '公民身份号码不正确');
  }
  const result = validateCreditCode(text);
  return result.ok ? null : (CREDIT_CODE_REASONS[result.reason] ?? '统一社会信用代码不正确');
}

/**
 * 一窗受理: the clerk enters a walk-in application (for a person or an enterprise, in person or
 * 帮办代办) into the same case engine as online applications, accepts it, and prints the
 * 受理通知书. The case then runs in the queues like any other.
 */
export function WindowPage() {
  const me = useMe();
  const department = me.data?.scope?.departmentIds?.[0];
  const [query, setQuery] = useState('');
  const [code, setCode] = useState<string | undefined>();
  const items = useQuery({
    queryKey: ['window', 'items', department, query],
    queryFn: ({ signal }) =>
      apiGet('/api/v1/items', {
        query: { ...(query ? { q: query } : {}), ...(department ? { department } : {}), pageSize: 20 },
        signal,
      }),
  });
  const guide = useGuide(code ?? '');
  const [applicantForm] = Form.useForm();
  const [itemForm] = Form.useForm();
  const [kind, setKind] = useState<ApplicantKind>('person');
  const [idempotencyKey] = useState(newIdempotencyKey);
  const t = useT();

  const submit = useMutation({
    mutationFn: async () => {
      const applicant = await applicantForm.validateFields();
      const values = await itemForm.validateFields();
      return apiSend('post', '/api/v1/window/cases', {
        body: {
          implementationCode: code ?? '',
          form: cleanValues(values),
          applicant: {
            name: String(applicant.name).trim(),
            identifier: String(applicant.identifier).trim().toUpperCase(),
            ...(applicant.mobile ? { mobile: String(applicant.mobile) } : {}),
          },
          ...(applicant.proxyReason ? { proxyReason: String(applicant.proxyReason) } : {}),
        },
        idempotencyKey,
      });
    },
  });

  if (submit.data) return <Accepted created={submit.data} materials={guide.data?.materials ?? []} />;

  return (
    <section className="page-section" aria-labelledby="window-heading">
      <title>{`${t('workbench.window.title')} - ${t('workbench.title')}`}</title>
      <h1 id="window-heading" className="page-title">
        {t('workbench.window.title')}
      </h1>
      <p className="page-subtitle">{t('workbench.window.subtitle')}</p>
      <WorkbenchNav />
      <div className="stack">
        <Panel title={t('workbench.window.item')}>
          <Select
            showSearch
            filterOption={false}
            onSearch={setQuery}
            value={code}
            onChange={setCode}
            className="full-width"
            aria-label="办理事项"
            placeholder="输入事项名称搜索（本部门实施的事项）"
            loading={items.isFetching}
            notFoundContent={
              items.isError ? userMessageOf(items.error) : <Empty description="没有匹配的事项" />
            }
            options={(items.data?.items ?? []).map((item) => ({
              value: item.implementationCode,
              label: `${item.name}（${item.department.name}）`,
            }))}
            data-testid="window-item"
          />
        </Panel>
        <Panel title={t('workbench.window.applicant')}>
          <Form form={applicantForm} name="applicant" layout="vertical" initialValues={{ kind: 'person' }}>
            <Form.Item name="kind" label="申请人类型">
              <Radio.Group
                onChange={(event) => {
                  setKind(event.target.value);
                  void applicantForm.validateFields(['identifier']).catch(() => undefined);
                }}
                options={[
                  { value: 'person', label: '自然人' },
                  { value: 'enterprise', label: '法人（企业）' },
                ]}
              />
            </Form.Item>
            <Form.Item
              name="name"
              label={kind === 'person' ? '姓名' : '单位名称'}
              rules={[{ required: true, min: 2, message: '请填写名称' }]}
            >
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item
              name="identifier"
              label={kind === 'person' ? '公民身份号码' : '统一社会信用代码'}
              extra="按国家标准校验位核对，读卡器读取的号码也会在此校验"
              rules={[
                { required: true, message: '请填写证件号码' },
                {
                  validator: async (_, value?: string) => {
                    if (!value) return;
                    const problem = identifierProblem(kind, value);
                    if (problem) throw new Error(problem);
                  },
                },
              ]}
            >
              <Input maxLength={18} autoComplete="off" />
            </Form.Item>
            {kind === 'person' ? <PopulationCheck form={applicantForm} /> : null}
            <Form.Item
              name="mobile"
              label="手机号码"
              rules={[{ pattern: /^1[3-9]\d{9}$/, message: '请输入 11 位手机号码' }]}
            >
              <Input maxLength={11} inputMode="numeric" />
            </Form.Item>
            <Form.Item name="proxyReason" label="帮办代办原因（代为录入时填写）">
              <Input maxLength={200} />
            </Form.Item>
          </Form>
        </Panel>
        <Panel title={t('workbench.window.form')}>
          {!code ? (
            <p className="muted">请先选择事项。</p>
          ) : guide.isPending ? (
            <p role="status">正在加载申请表…</p>
          ) : guide.isError ? (
            <Alert type="error" showIcon title="申请表加载失败" description={userMessageOf(guide.error)} />
          ) : (
            <SchemaForm schema={guide.data.form ?? EMPTY_FORM} profile={{}} form={itemForm} initial={{}} />
          )}
        </Panel>
        <Panel title={t('workbench.window.materials')}>
          <p className="muted">
            {code && guide.data
              ? `录入申请后逐项上传申请人提交的材料（PDF、JPG、PNG 或 OFD）：${guide.data.materials.map((m) => m.name).join('、') || '本事项无需材料'}。`
              : '请先选择事项。'}
          </p>
        </Panel>
        {submit.isError ? (
          <Alert type="error" showIcon title="录入未成功" description={userMessageOf(submit.error)} />
        ) : null}
        <Space>
          <Button
            type="primary"
            size="large"
            disabled={!code}
            loading={submit.isPending}
            onClick={() => submit.mutate()}
          >
            {t('workbench.window.submit')}
          </Button>
        </Space>
      </div>
    </section>
  );
}

type Created = Awaited<ReturnType<typeof apiSend<'post', '/api/v1/window/cases'>>>;

/** The application is in: accept it at the window and print the 受理通知书. */
function Accepted({ created, materials }: { created: Created; materials: GuideMaterial[] }) {
  const [idempotencyKey] = useState(newIdempotencyKey);
  const t = useT();
  // The case as it is now (materials uploaded since); the key is the hall's, which the upload refreshes.
  const current = useQuery({
    queryKey: ['case', created.id],
    queryFn: ({ signal }) => apiGet('/api/v1/cases/{id}', { path: { id: created.id }, signal }),
    initialData: created,
  });
  const accept = useMutation({
    mutationFn: () =>
      apiSend('post', '/api/v1/cases/{id}/actions/{action}', {
        path: { id: created.id, action: 'accept' },
        body: { revision: created.revision },
        idempotencyKey,
      }),
  });
  const [printError, setPrintError] = useState<unknown>(null);
  const accepted = accept.data;
  const notice = accepted?.notices.find((n) => n.kind === 'acceptance');
  const print = async () => {
    if (!accepted || !notice) return;
    setPrintError(null);
    try {
      const { url } = await fetchBlobUrl(`/api/v1/cases/${accepted.id}/notices/${notice.id}`);
      window.open(url, '_blank', 'noopener');
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (error) {
      setPrintError(error);
    }
  };
  return (
    <section className="page-section" aria-labelledby="window-done-heading">
      <title>{`${t('workbench.window.title')} - ${t('workbench.title')}`}</title>
      <h1 id="window-done-heading" className="page-title">
        {accepted ? t('workbench.window.accepted') : t('workbench.window.entered')}
      </h1>
      <WorkbenchNav />
      <div className="stack">
        <Panel title={t('workbench.window.materials')}>
          {materials.length === 0 ? (
            <p className="muted">本事项无需提交材料。</p>
          ) : (
            <div data-testid="window-materials">
              <MaterialsList caseView={current.data} materials={materials} />
            </div>
          )}
        </Panel>
        <Panel title="办件信息">
          <Descriptions
            column={1}
            size="small"
            items={[
              { key: 'item', label: '事项', children: created.itemName },
              { key: 'applicant', label: '申请人', children: created.applicant.name },
              {
                key: 'number',
                label: '申请编号',
                children: <span data-testid="window-application-number">{created.applicationNumber}</span>,
              },
              ...(accepted?.caseNumber
                ? [
                    {
                      key: 'case',
                      label: '受理编号',
                      children: <span data-testid="window-case-number">{accepted.caseNumber}</span>,
                    },
                  ]
                : []),
              ...(accepted?.clocks.promisedDue
                ? [{ key: 'due', label: '承诺办结日期', children: accepted.clocks.promisedDue }]
                : []),
            ]}
          />
          <Space wrap className="top-gap">
            {!accepted ? (
              <Button
                type="primary"
                loading={accept.isPending}
                onClick={() => accept.mutate()}
                data-testid="window-accept"
              >
                {t('workbench.window.accept')}
              </Button>
            ) : (
              <Button
                type="primary"
                icon={<FilePdfOutlined />}
                onClick={() => void print()}
                data-testid="print-receipt"
              >
                {t('workbench.window.print')}
              </Button>
            )}
            <Link to={`/workbench/cases/${created.id}`} data-testid="window-to-desk">
              {t('workbench.window.toDesk')}
            </Link>
            <Link to="/workbench/window" reloadDocument>
              {t('workbench.window.next')}
            </Link>
          </Space>
          {accept.isError ? <Alert type="error" showIcon title={userMessageOf(accept.error)} /> : null}
          {printError ? <Alert type="error" showIcon title={userMessageOf(printError)} /> : null}
        </Panel>
      </div>
    </section>
  );
}

const POPULATION_ANSWERS = {
  match: { type: 'success', text: '人口库核验通过：姓名与公民身份号码一致' },
  mismatch: { type: 'error', text: '人口库核验未通过：姓名与公民身份号码不一致，请核对证件' },
  not_found: { type: 'warning', text: '人口库中没有该公民身份号码，请核对证件原件' },
} as const;

/** 人口库核验: check the walk-in person's name and ID number against the population base (audited). */
function PopulationCheck({ form }: { form: ReturnType<typeof Form.useForm>[0] }) {
  const check = useMutation({
    mutationFn: async () => {
      const { name, identifier } = (await form.validateFields(['name', 'identifier'])) as {
        name: string;
        identifier: string;
      };
      return apiSend('post', '/api/v1/identity/population-check', {
        body: { name: String(name).trim(), citizenId: String(identifier).trim().toUpperCase() },
      });
    },
  });
  const answer = check.data ? POPULATION_ANSWERS[check.data.answer] : undefined;
  const t = useT();
  return (
    <div className="population-check">
      <Button onClick={() => check.mutate()} loading={check.isPending}>
        {t('workbench.window.populationCheck')}
      </Button>
      {answer ? <Alert type={answer.type} showIcon message={answer.text} role="status" /> : null}
      {/* A form that does not validate shows its own field errors; only the server's answer is shown here. */}
      {check.error instanceof ApiError ? (
        <Alert type="error" showIcon message={userMessageOf(check.error)} />
      ) : null}
    </div>
  );
}
