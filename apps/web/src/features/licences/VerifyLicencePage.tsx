import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Descriptions, Input } from 'antd';
import { useEffect, useId } from 'react';
import { useSearchParams } from 'react-router';
import { apiCallUntyped, userMessageOf } from '../../api/client';
import { useT } from '../../shared/i18n';
import { formatDateTime } from '../../shared/labels';
import { isRouteMissing, type VerifyResponse } from './licences.api';
import './licences.css';

/** 电子证照核验: where a licence's QR code leads; anyone can check a licence without signing in. */
export function VerifyLicencePage() {
  const t = useT();
  const inputId = useId();
  const [params, setParams] = useSearchParams();
  const identifier = params.get('id')?.trim() ?? '';
  const verify = useMutation({
    mutationFn: (id: string) =>
      apiCallUntyped<VerifyResponse>('POST', '/api/v1/licences/verify', { body: { identifier: id } }),
  });
  const { mutate } = verify;
  useEffect(() => {
    if (identifier) mutate(identifier);
  }, [identifier, mutate]);

  const result = verify.data;
  return (
    <section className="page-section narrow-page" aria-labelledby="verify-heading">
      <title>{`${t('verify.title')} - ${t('app.name')}`}</title>
      <h1 id="verify-heading" className="page-title">
        {t('verify.title')}
      </h1>
      <label htmlFor={inputId}>证照标识（扫描证照上的二维码即可自动填入）</label>
      <Input.Search
        id={inputId}
        defaultValue={identifier}
        enterButton="核验"
        placeholder="1.2.156.3005.2.…"
        onSearch={(value) => setParams(value.trim() ? { id: value.trim() } : {})}
        loading={verify.isPending}
      />
      <div className="verify-result" aria-live="polite">
        {verify.isError ? (
          isRouteMissing(verify.error) ? (
            <Alert type="info" showIcon title="电子证照核验服务即将开放" />
          ) : (
            <Alert type="error" showIcon title={userMessageOf(verify.error)} />
          )
        ) : null}
        {result ? (
          <>
            <p className={result.valid ? 'verify-valid' : 'verify-invalid'} role="status">
              {result.valid ? (
                <CheckCircleFilled aria-hidden="true" />
              ) : (
                <CloseCircleFilled aria-hidden="true" />
              )}{' '}
              {result.valid ? '证照有效' : '证照无效'}：{result.message}
            </p>
            {result.licence ? (
              <Descriptions
                bordered
                size="small"
                column={1}
                items={[
                  { key: 'type', label: '证照类型', children: result.licence.typeName },
                  { key: 'holder', label: '持证主体', children: result.licence.holderName },
                  { key: 'issuer', label: '发证机关', children: result.licence.issuerName },
                  { key: 'issued', label: '发证日期', children: result.licence.issuedOn },
                  { key: 'valid', label: '有效期至', children: result.licence.validUntil ?? '长期' },
                  { key: 'id', label: '证照标识', children: result.licence.identifier },
                ]}
              />
            ) : null}
            <p className="muted">核验时间：{formatDateTime(result.checkedAt)}</p>
          </>
        ) : null}
      </div>
    </section>
  );
}
