import { useQuery } from '@tanstack/react-query';
import { Alert, Empty, QRCode, Skeleton, Tag } from 'antd';
import { Link } from 'react-router';
import { apiCallUntyped } from '../../api/client';
import { useT } from '../../shared/i18n';
import { QueryErrorAlert } from '../../shared/QueryErrorAlert';
import { isRouteMissing, type LicenceSummary, verificationUrl } from './licences.api';
import './licences.css';

/** 我的证照: the signed-in holder's e-licences, each with a QR code that leads to its verification. */
export function WalletPage() {
  const t = useT();
  const wallet = useQuery({
    queryKey: ['wallet'],
    queryFn: ({ signal }) =>
      apiCallUntyped<{ items: LicenceSummary[] }>('GET', '/api/v1/licences/wallet', { signal }),
    retry: false,
  });

  return (
    <section className="page-section" aria-labelledby="wallet-heading">
      <title>{`${t('licences.title')} - ${t('app.name')}`}</title>
      <h1 id="wallet-heading" className="page-title">
        {t('licences.title')}
      </h1>
      {wallet.isPending ? (
        <Skeleton active paragraph={{ rows: 4 }} />
      ) : wallet.isError ? (
        isRouteMissing(wallet.error) ? (
          <Alert
            type="info"
            showIcon
            title="电子证照服务即将开放"
            description="证照库接入后，您名下的电子证照将在这里展示，可出示核验二维码，并在办事时直接使用（免提交）。"
          />
        ) : (
          <QueryErrorAlert title="证照加载失败" error={wallet.error} onRetry={() => void wallet.refetch()} />
        )
      ) : wallet.data.items.length === 0 ? (
        <Empty description="您名下暂无电子证照。办结的许可事项制证后，证照会自动归集到这里。" />
      ) : (
        <ul className="licence-grid">
          {wallet.data.items.map((licence) => (
            <li key={licence.identifier} className="licence-card">
              <div>
                <h2 className="licence-name">{licence.typeName}</h2>
                <Tag color={licence.status === 'valid' ? 'green' : 'red'}>{licence.statusLabel}</Tag>
                <dl className="licence-facts">
                  <dt>持证主体</dt>
                  <dd>{licence.holder.name}</dd>
                  {licence.licenceNumber ? (
                    <>
                      <dt>证照编号</dt>
                      <dd>{licence.licenceNumber}</dd>
                    </>
                  ) : null}
                  <dt>发证机关</dt>
                  <dd>{licence.issuer.name}</dd>
                  <dt>有效期</dt>
                  <dd>
                    {licence.validFrom} 至 {licence.validUntil ?? '长期'}
                  </dd>
                </dl>
                <Link to={`/licences/verify?id=${encodeURIComponent(licence.identifier)}`}>核验此证照</Link>
              </div>
              <QRCode
                value={verificationUrl(licence.identifier)}
                size={128}
                aria-label={`${licence.typeName}核验二维码`}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
