import { Checkbox, Form, type FormInstance, Input, InputNumber, Select, Tag } from 'antd';
import type { Rule } from 'antd/es/form';
import type { FormField, FormSchema } from '../../api/types';

/** Values of the applicant's verified profile, by the `x-prefill` field names the catalogue uses. */
export type Profile = Record<string, string | undefined>;

const FORMAT_RULES: Record<string, { pattern: RegExp; message: string }> = {
  mobile: { pattern: /^1[3-9]\d{9}$/, message: '请输入 11 位手机号码' },
  email: { pattern: /^[^\s@]+@[^\s@]+\.[^\s@]+$/, message: '请输入有效的电子邮箱' },
  'citizen-id': { pattern: /^\d{17}[\dXx]$/, message: '请输入 18 位公民身份号码' },
  'credit-code': {
    pattern: /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/,
    message: '请输入 18 位统一社会信用代码',
  },
  date: { pattern: /^\d{4}-\d{2}-\d{2}$/, message: '请选择日期' },
};

const PREFILL_SOURCES: Record<string, string> = {
  profile: '实名认证信息',
  shared_data: '共享数据',
  licence: '电子证照',
};

/** The value the profile gives a field, when the field is prefilled from the profile and the value is known. */
export function verifiedValue(field: FormField, profile: Profile): string | undefined {
  const prefill = field['x-prefill'];
  return prefill?.source === 'profile' ? profile[prefill.field] : undefined;
}

/** Initial values: verified profile values over whatever was saved before. */
export function initialValues(schema: FormSchema, profile: Profile, saved: Record<string, unknown> = {}) {
  const values: Record<string, unknown> = { ...saved };
  for (const [name, field] of Object.entries(schema.properties)) {
    const verified = verifiedValue(field, profile);
    if (verified !== undefined) values[name] = verified;
  }
  return values;
}

function rulesOf(field: FormField, required: boolean): Rule[] {
  const rules: Rule[] = [];
  if (required) rules.push({ required: true, message: `请填写${field.title}` });
  const format = field.format ? FORMAT_RULES[field.format] : undefined;
  if (format) rules.push({ pattern: format.pattern, message: format.message });
  if (field.pattern) rules.push({ pattern: new RegExp(field.pattern), message: `${field.title}格式不正确` });
  if (field.maxLength) rules.push({ max: field.maxLength, message: `不超过 ${field.maxLength} 个字` });
  if (field.minLength) rules.push({ min: field.minLength, message: `至少 ${field.minLength} 个字` });
  return rules;
}

function control(field: FormField, disabled: boolean) {
  if (field.enum) {
    return field.enum.length <= 4 ? (
      <Select
        disabled={disabled}
        options={field.enum.map((value: string) => ({ value, label: value }))}
        placeholder="请选择"
      />
    ) : (
      <Select
        disabled={disabled}
        showSearch
        options={field.enum.map((value: string) => ({ value, label: value }))}
        placeholder="请选择"
      />
    );
  }
  if (field.type === 'boolean') return <Checkbox disabled={disabled}>是</Checkbox>;
  if (field.type === 'number' || field.type === 'integer') {
    return (
      <InputNumber
        disabled={disabled}
        className="number-input"
        min={field.minimum}
        max={field.maximum}
        precision={field.type === 'integer' ? 0 : undefined}
      />
    );
  }
  if (field.format === 'date') return <Input type="date" disabled={disabled} />;
  if ((field.maxLength ?? 0) > 200) return <Input.TextArea disabled={disabled} autoSize={{ minRows: 2 }} />;
  return <Input disabled={disabled} maxLength={field.maxLength} />;
}

/**
 * A form generated from an item's JSON Schema (one level of string, number, integer and boolean
 * fields with enum, format, pattern and length rules — the shapes the catalogue allows). A field
 * prefilled from the verified profile is shown as such and cannot be changed; fields the catalogue
 * marks as fillable from shared data or an e-licence say so.
 */
export function SchemaForm({
  schema,
  profile,
  form,
  initial,
  readOnly = false,
}: {
  schema: FormSchema;
  profile: Profile;
  form: FormInstance;
  initial: Record<string, unknown>;
  readOnly?: boolean;
}) {
  const required = new Set(schema.required);
  return (
    <Form form={form} layout="vertical" initialValues={initial} disabled={readOnly} className="schema-form">
      {Object.entries(schema.properties).map(([name, field]) => {
        const verified = verifiedValue(field, profile) !== undefined;
        const prefill = field['x-prefill'];
        const hint = prefill ? (
          <Tag color={verified ? 'green' : 'blue'}>
            {verified
              ? `来自${PREFILL_SOURCES[prefill.source]}，已核验`
              : `可由${PREFILL_SOURCES[prefill.source]}提供`}
          </Tag>
        ) : null;
        return (
          <Form.Item
            key={name}
            name={name}
            label={
              <span>
                {field.title} {hint}
              </span>
            }
            extra={field.description}
            rules={rulesOf(field, required.has(name))}
            valuePropName={field.type === 'boolean' ? 'checked' : 'value'}
          >
            {control(field, verified)}
          </Form.Item>
        );
      })}
    </Form>
  );
}

/** The form of an item that asks nothing (its materials say it all). */
export const EMPTY_FORM: FormSchema = { type: 'object', title: '申请表', properties: {}, required: [] };

/** The form values as the server expects them: empty strings left out. */
export function cleanValues(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(values).filter(([, value]) => value !== undefined && value !== '' && value !== null),
  );
}
