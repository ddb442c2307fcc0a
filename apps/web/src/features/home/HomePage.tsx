import {
  AppstoreOutlined,
  FileSearchOutlined,
  SafetyCertificateOutlined,
  SolutionOutlined,
} from '@ant-design/icons';
import { Skeleton, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useT } from '../../shared/i18n';
import { ONLINE_DEPTHS, THEMES, timeLimitText } from '../../shared/labels';
import { Panel } from '../../shared/Panel';
import { QueryErrorAlert } from '../../shared/QueryErrorAlert';
import { useBundles, useItemSearch } from './home.queries';
import { RegionSwitcher, useSelectedRegion } from './RegionSwitcher';
import { SearchBox } from './SearchBox';
import './home.css';

type Audience = 'person' | 'enterprise';

/** 首页: the service hall's front door — search, region, browse by 个人/法人 and theme, 高频事项, 一件事. */
export function HomePage() {
  const t = useT();
  const [audience, setAudience] = useState<Audience>('person');
  const [region] = useSelectedRegion();
  const highFrequency = useItemSearch({
    highFrequency: true,
    audience,
    pageSize: 8,
    ...(region ? { region } : {}),
  });
  const bundles = useBundles();

  return (
    <>
      <title>{`${t('app.name')} - 一体化在线政务服务平台`}</title>
      <section className="home-hero" aria-labelledby="home-heading">
        <div className="home-hero-inner">
          <h1 id="home-heading" className="home-title">
            {t('home.title')}
          </h1>
          <p className="home-slogan">{t('home.slogan')}</p>
          <div className="home-search-panel">
            <SearchBox />
            <RegionSwitcher />
          </div>
        </div>
      </section>

      <div className="home-content">
        <div className="home-main stack">
          <Panel title={t('home.themes')}>
            <fieldset className="audience-switch">
              <legend className="visually-hidden">服务对象</legend>
              {(['person', 'enterprise'] as const).map((value) => (
                <button
                  key={value}
                  type="button"
                  className="audience-button"
                  aria-pressed={audience === value}
                  onClick={() => setAudience(value)}
                >
                  {t(value === 'person' ? 'home.person' : 'home.enterprise')}
                </button>
              ))}
            </fieldset>
            <ul className="theme-grid">
              {Object.entries(THEMES)
                .filter(([, theme]) => theme.audience === audience)
                .map(([code, theme]) => (
                  <li key={code}>
                    <Link to={`/services?audience=${audience}&theme=${code}`} className="theme-link">
                      {theme.label}
                    </Link>
                  </li>
                ))}
            </ul>
          </Panel>

          <Panel
            title={t('home.highFrequency')}
            extra={<Link to={`/services?audience=${audience}&highFrequency=true`}>更多</Link>}
          >
            {highFrequency.isPending ? (
              <Skeleton active paragraph={{ rows: 4 }} />
            ) : highFrequency.isError ? (
              <QueryErrorAlert
                title="高频事项加载失败"
                error={highFrequency.error}
                onRetry={() => void highFrequency.refetch()}
              />
            ) : highFrequency.data.items.length === 0 ? (
              <p className="muted">所选地区暂无高频事项，请切换地区或直接搜索。</p>
            ) : (
              <ul className="item-grid">
                {highFrequency.data.items.map((item) => (
                  <li key={item.implementationCode}>
                    <Link to={`/services/${item.implementationCode}`} className="item-card">
                      <span className="item-card-name">{item.name}</span>
                      <span className="item-card-meta">
                        {item.department.name} · 承诺 {timeLimitText(item.promisedTimeLimit)}
                      </span>
                      <Tag color={ONLINE_DEPTHS[item.onlineDepth]?.color}>
                        {ONLINE_DEPTHS[item.onlineDepth]?.short}
                      </Tag>
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </Panel>

          <Panel title={t('home.bundles')}>
            {bundles.isPending ? (
              <Skeleton active paragraph={{ rows: 3 }} />
            ) : bundles.isError ? (
              <QueryErrorAlert
                title="一件事加载失败"
                error={bundles.error}
                onRetry={() => void bundles.refetch()}
              />
            ) : (
              <ul className="bundle-grid">
                {bundles.data.map((bundle) => (
                  <li key={bundle.code}>
                    <Link to={`/bundles/${bundle.code}`} className="bundle-card">
                      <span className="bundle-card-name">{bundle.name}</span>
                      <span className="bundle-card-text">{bundle.description}</span>
                      <span className="bundle-card-meta">
                        {bundle.audience === 'enterprise' ? '法人' : '个人'} · 联办 {bundle.itemCount} 个事项
                      </span>
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </Panel>
        </div>

        <aside className="home-side stack" aria-label={t('home.quick')}>
          <Panel title={t('home.quick')}>
            <ul className="quick-links">
              <li>
                <Link to="/my-cases">
                  <SolutionOutlined aria-hidden="true" /> {t('nav.myCases')}
                </Link>
              </li>
              <li>
                <Link to="/case-lookup">
                  <FileSearchOutlined aria-hidden="true" /> {t('nav.lookup')}
                </Link>
              </li>
              <li>
                <Link to="/my-licences">
                  <SafetyCertificateOutlined aria-hidden="true" /> {t('nav.myLicences')}
                </Link>
              </li>
              <li>
                <Link to="/services">
                  <AppstoreOutlined aria-hidden="true" /> 全部事项
                </Link>
              </li>
            </ul>
          </Panel>
          <Panel title="办事指引">
            <ol className="home-steps">
              <li>查找事项，阅读办事指南</li>
              <li>登录后在线填表、上传材料，已有电子证照免提交</li>
              <li>在「我的办件」跟踪进度，按一次性告知补正</li>
              <li>领取结果和电子证照，评价服务</li>
            </ol>
          </Panel>
        </aside>
      </div>
    </>
  );
}
