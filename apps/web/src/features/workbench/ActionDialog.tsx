import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Modal, Radio, Select } from 'antd';
import { apiGet, userMessageOf } from '../../api/client';
import type { CaseAction } from '../../api/types';
import { type MessageKey, useT } from '../../shared/i18n';
import { type ActionField, allowedOf, PROCEDURES, STAFF_ACTIONS } from './actions';
import { type EntryVersion, type StaffCaseView, useCaseAction } from './workbench.api';

const DELIVERY: Record<string, string> = { window: '窗口领取', mail: '邮寄送达', electronic: '电子送达' };

interface CorrectionRow {
  kind?: 'material' | 'field';
  subject?: string;
  reason?: string;
}

type Values = Record<string, unknown> & { corrections?: CorrectionRow[]; deferredMaterials?: string[] };

/**
 * One action on a case: what it will do, the inputs it needs, and — for actions that send the
 * applicant a written notice — the notice text as it will read, updated as the clerk types.
 */
export function ActionDialog({
  action,
  view,
  version,
  onClose,
}: {
  action: CaseAction;
  view: StaffCaseView;
  version: EntryVersion | undefined;
  onClose: () => void;
}) {
  const spec = STAFF_ACTIONS[action];
  const [form] = Form.useForm<Values>();
  const values = (Form.useWatch([], form) ?? {}) as Values;
  const mutation = useCaseAction(view.id);
  const extensionDue = useExtendedDue(action, view);
  const t = useT();
  if (!spec) return null;
  const label = t(`workbench.action.${action}` as MessageKey);
  const has = (field: ActionField) => spec.fields.includes(field);
  const required = (field: ActionField) => spec.required.includes(field);
  const materials = version?.content.materials ?? [];
  const fields = Object.entries(version?.content.form?.properties ?? {});
  const subjectName = (row: CorrectionRow) =>
    row.kind === 'field'
      ? (fields.find(([name]) => name === row.subject)?.[1].title ?? row.subject)
      : (materials.find((m) => m.key === row.subject)?.name ?? row.subject);

  const submit = async () => {
    const input = await form.validateFields();
    const body: Record<string, unknown> = { revision: view.revision };
    for (const [key, value] of Object.entries(input)) {
      if (value !== undefined && value !== '' && value !== null) body[key] = value;
    }
    if (action === 'request_correction') {
      body.corrections = (input.corrections ?? []).map((row) => ({
        kind: row.kind,
        subject: row.subject,
        reason: row.reason?.trim(),
      }));
    }
    mutation.mutate({ action, body }, { onSuccess: onClose });
  };

  return (
    <Modal
      open
      title={`${t('workbench.action.confirm')}${label}`}
      onCancel={onClose}
      width={720}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('workbench.action.cancel')}
        </Button>,
        <Button
          key="ok"
          type="primary"
          danger={spec.danger}
          loading={mutation.isPending}
          onClick={() => void submit()}
          data-testid="confirm-action"
        >
          {t('workbench.action.confirm')}
          {label}
        </Button>,
      ]}
    >
      <Alert type={spec.danger ? 'warning' : 'info'} showIcon title={spec.effect} />
      <Form form={form} layout="vertical" className="top-gap" initialValues={initialValues(action)}>
        {has('corrections') ? (
          <Form.List
            name="corrections"
            rules={[
              {
                validator: async (_, rows?: CorrectionRow[]) => {
                  if (!rows || rows.length === 0) throw new Error('请至少列出一项需要补正的内容');
                },
              },
            ]}
          >
            {(rows, { add, remove }, { errors }) => (
              <fieldset className="stack">
                <legend>需要补正的内容（逐项列出，一次性告知）</legend>
                {rows.map((row, index) => (
                  <div key={row.key} className="correction-row" data-correction={index}>
                    <Form.Item name={[row.name, 'kind']} noStyle>
                      <Select
                        aria-label={`第 ${index + 1} 项类型`}
                        options={[
                          { value: 'material', label: '材料' },
                          { value: 'field', label: '表单字段' },
                        ]}
                        onChange={() => form.setFieldValue(['corrections', row.name, 'subject'], undefined)}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[row.name, 'subject']}
                      noStyle
                      rules={[{ required: true, message: '请选择补正的材料或字段' }]}
                    >
                      <Select
                        aria-label={`第 ${index + 1} 项补正对象`}
                        placeholder="选择材料或字段"
                        options={
                          values.corrections?.[index]?.kind === 'field'
                            ? fields.map(([name, field]) => ({ value: name, label: field.title }))
                            : materials.map((m) => ({ value: m.key, label: m.name }))
                        }
                      />
                    </Form.Item>
                    <Form.Item
                      name={[row.name, 'reason']}
                      noStyle
                      rules={[{ required: true, min: 2, message: '请写明补正原因（至少 2 个字）' }]}
                    >
                      <Input
                        aria-label={`第 ${index + 1} 项补正原因`}
                        placeholder="补正原因及要求"
                        maxLength={500}
                      />
                    </Form.Item>
                    <Button
                      type="text"
                      icon={<MinusCircleOutlined />}
                      aria-label={`删除第 ${index + 1} 项`}
                      onClick={() => remove(row.name)}
                    />
                  </div>
                ))}
                <Button
                  icon={<PlusOutlined />}
                  onClick={() => add({ kind: 'material' })}
                  data-testid="add-correction"
                >
                  添加一项
                </Button>
                <Form.ErrorList errors={errors} />
              </fieldset>
            )}
          </Form.List>
        ) : null}
        {has('deferredMaterials') ? (
          <Form.Item
            name="deferredMaterials"
            label="容缺材料"
            rules={[{ required: true, message: '请选择容缺的材料' }]}
          >
            <Select
              mode="multiple"
              options={materials
                .filter((m) => m.necessity === 'deferrable')
                .map((m) => ({ value: m.key, label: m.name }))}
              placeholder="可容缺后补的材料"
            />
          </Form.Item>
        ) : null}
        {has('commitment') ? (
          <Form.Item
            name="commitment"
            label="申请人书面承诺"
            rules={[{ required: true, min: 2, message: '请填写承诺内容' }]}
          >
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={1000} />
          </Form.Item>
        ) : null}
        {has('opinion') ? (
          <Form.Item name="opinion" label="审查意见" rules={[{ required: true }]}>
            <Radio.Group
              options={[
                { value: 'approve', label: '同意' },
                { value: 'refuse', label: '不同意' },
              ]}
            />
          </Form.Item>
        ) : null}
        {has('procedure') ? (
          <Form.Item
            name="procedure"
            label="特别程序"
            rules={[{ required: true, message: '请选择特别程序' }]}
          >
            <Select options={Object.entries(PROCEDURES).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
        ) : null}
        {has('content') ? (
          <Form.Item
            name="content"
            label="决定内容"
            rules={[{ required: required('content'), min: 2, message: '请填写决定内容' }]}
          >
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
          </Form.Item>
        ) : null}
        {has('reason') ? (
          <Form.Item
            name="reason"
            label="理由"
            rules={[{ required: required('reason'), min: 2, message: '请写明理由' }]}
          >
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
          </Form.Item>
        ) : null}
        {has('result') ? (
          <Form.Item
            name="result"
            label="特别程序结果"
            rules={[{ required: true, min: 2, message: '请填写结果' }]}
          >
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
          </Form.Item>
        ) : null}
        {has('legalBasis') ? (
          <Form.Item
            name="legalBasis"
            label="法律依据"
            rules={[{ required: required('legalBasis'), min: 2, message: '请写明依据' }]}
          >
            <Input maxLength={1000} />
          </Form.Item>
        ) : null}
        {has('comment') ? (
          <Form.Item name="comment" label="说明">
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
          </Form.Item>
        ) : null}
        {has('licenceNumber') ? (
          <Form.Item
            name="licenceNumber"
            label="证件编号"
            rules={[{ required: true, min: 2, message: '请填写证件编号' }]}
          >
            <Input maxLength={80} />
          </Form.Item>
        ) : null}
        {has('method') ? (
          <Form.Item name="method" label="送达方式" rules={[{ required: true }]}>
            <Radio.Group options={Object.entries(DELIVERY).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
        ) : null}
        {has('trackingNumber') && values.method === 'mail' ? (
          <Form.Item
            name="trackingNumber"
            label="快递单号"
            rules={[{ required: true, min: 6, message: '请填写快递单号' }]}
          >
            <Input maxLength={40} />
          </Form.Item>
        ) : null}
      </Form>
      {spec.notice ? (
        <section aria-label="将发送的文书" className="notice-preview" data-testid="notice-preview">
          <strong>{spec.notice}（预览）</strong>
          {'\n'}
          {noticeText(action, view, values, subjectName, extensionDue)}
        </section>
      ) : null}
      {mutation.isError ? (
        <Alert
          className="top-gap"
          type="error"
          showIcon
          title={userMessageOf(mutation.error)}
          description={
            allowedOf(mutation.error) ? `当前可办理的操作：${allowedOf(mutation.error)}` : undefined
          }
        />
      ) : null}
    </Modal>
  );
}

/**
 * The legal due date once the pending extension is granted: the calendar's Nth working day after the
 * current one (the server computes the same from the acceptance date), for the notice preview.
 */
function useExtendedDue(action: CaseAction, view: StaffCaseView): string | undefined {
  const from = view.clocks.legalDue;
  const days = view.extensionRequest?.extensionDays ?? 0;
  const due = useQuery({
    queryKey: ['calendar', 'deadline', from, days],
    queryFn: ({ signal }) =>
      apiGet('/api/v1/calendar/deadline', { query: { from: from ?? '', workingDays: days }, signal }),
    enabled: action === 'approve_extension' && Boolean(from) && days > 0,
    staleTime: Number.POSITIVE_INFINITY,
  });
  return due.data?.due;
}

function initialValues(action: CaseAction): Values {
  if (action === 'request_correction') return { corrections: [{ kind: 'material' }] };
  if (action === 'review') return { opinion: 'approve' };
  if (action === 'deliver') return { method: 'window' };
  return {};
}

/** The notice as the applicant will read it (the server renders the same facts into the PDF). */
function noticeText(
  action: CaseAction,
  view: StaffCaseView,
  values: Values,
  subjectName: (row: CorrectionRow) => string | undefined,
  extensionDue?: string,
): string {
  const head = `${view.applicant.name}：\n您申请的“${view.itemName}”（申请编号 ${view.applicationNumber}）`;
  switch (action) {
    case 'request_correction': {
      const rows = (values.corrections ?? []).filter((row) => row.subject);
      const lines = rows.map(
        (row, index) =>
          `${index + 1}. ${row.kind === 'field' ? '表单' : '材料'}「${subjectName(row) ?? ''}」：${row.reason ?? ''}`,
      );
      return `${head}需补正以下内容，请一次性补齐后重新提交：\n${lines.join('\n') || '（尚未列出）'}`;
    }
    case 'accept':
    case 'handle_immediately':
      return `${head}材料齐全、符合法定形式，本机关决定受理，受理编号将随本通知书生成。`;
    case 'accept_with_deficiency':
      return `${head}已容缺受理。请按您的书面承诺在期限内补交：${(values.deferredMaterials ?? []).join('、') || '（尚未选择）'}。`;
    case 'refuse_acceptance':
      return `${head}不予受理。\n理由：${String(values.reason ?? '')}\n依据：${String(values.legalBasis ?? '')}\n如不服，可依法申请行政复议或提起行政诉讼。`;
    case 'approve':
      return `${head}经审查，决定准予许可。\n${String(values.content ?? '')}${values.legalBasis ? `\n依据：${String(values.legalBasis)}` : ''}`;
    case 'approve_extension': {
      const request = view.extensionRequest;
      return `${head}（受理编号 ${view.caseNumber ?? ''}），因${request?.reason ?? ''}，不能在法定期限内作出决定。经本机关负责人批准，办理期限延长 ${request?.extensionDays ?? ''} 个工作日：\n原法定办结期限：${view.clocks.legalDue ?? ''}\n延长后办结期限：${extensionDue ?? '（正在计算）'}`;
    }
    case 'refuse':
      return `${head}经审查，决定不予许可。\n理由：${String(values.reason ?? '')}\n如不服，可依法申请行政复议或提起行政诉讼。`;
    default:
      return head;
  }
}
