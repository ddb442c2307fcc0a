import { useQuery } from '@tanstack/react-query';
import { Empty, Pagination, Select, Skeleton, Tag } from 'antd';
import { useId, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { apiGet } from '../../api/client';
import type { ItemSearchQuery } from '../../api/types';
import { useT } from '../../shared/i18n';
import { AUDIENCES, ONLINE_DEPTHS, THEMES, timeLimitText } from '../../shared/labels';
import { QueryErrorAlert } from '../../shared/QueryErrorAlert';
import { useItemSearch } from '../home/home.queries';
import { RegionSwitcher, useSelectedRegion } from '../home/RegionSwitcher';
import { SearchBox } from '../home/SearchBox';
import './services.css';

const PAGE_SIZE = 10;

/** 办事服务: search results and browsing by audience, theme, online depth, in the chosen region. */
export function ServicesPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const [region] = useSelectedRegion();
  const audienceId = useId();
  const themeId = useId();
  const depthId = useId();
  const departmentId = useId();
  const q = params.get('q')?.trim() ?? '';
  const audience = params.get('audience') as ItemSearchQuery['audience'] | null;
  const theme = params.get('theme') as ItemSearchQuery['theme'] | null;
  const depth = Number(params.get('onlineDepth')) || null;
  const highFrequency = params.get('highFrequency') === 'true';
  const department = params.get('department');
  const page = Number(params.get('page')) || 1;

  const query: ItemSearchQuery = { page, pageSize: PAGE_SIZE };
  if (q) query.q = q;
  if (region) query.region = region;
  if (audience) query.audience = audience;
  if (theme) query.theme = theme;
  if (depth) query.onlineDepth = depth as ItemSearchQuery['onlineDepth'];
  if (highFrequency) query.highFrequency = true;
  if (department) query.department = department;
  const results = useItemSearch(query);

  const setFilter = (name: string, value: string | null | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    next.delete('page');
    setParams(next);
  };

  return (
    <section className="page-section" aria-labelledby="services-heading">
      <title>{`${q ? `“${q}”的搜索结果` : t('services.title')} - ${t('app.name')}`}</title>
      <h1 id="services-heading" className="page-title">
        {q ? `“${q}”的搜索结果` : t('services.title')}
      </h1>
      <div className="services-search">
        <SearchBox key={q} initial={q} size="middle" />
      </div>
      <div className="services-filters">
        <RegionSwitcher compact />
        <div className="filter">
          <label htmlFor={audienceId}>服务对象</label>
          <Select
            id={audienceId}
            allowClear
            placeholder="全部"
            value={audience ?? undefined}
            onChange={(value?: string) => setFilter('audience', value)}
            options={Object.entries(AUDIENCES).map(([value, label]) => ({ value, label }))}
          />
        </div>
        <div className="filter">
          <label htmlFor={themeId}>主题</label>
          <Select
            id={themeId}
            allowClear
            placeholder="全部主题"
            value={theme ?? undefined}
            onChange={(value?: string) => setFilter('theme', value)}
            options={Object.entries(THEMES)
              .filter(([, entry]) => !audience || entry.audience === audience)
              .map(([value, entry]) => ({ value, label: entry.label }))}
          />
        </div>
        <div className="filter">
          <label htmlFor={departmentId}>部门</label>
          <DepartmentSelect
            id={departmentId}
            region={region}
            value={department}
            onChange={(value) => setFilter('department', value)}
          />
        </div>
        <div className="filter">
          <label htmlFor={depthId}>网办深度</label>
          <Select
            id={depthId}
            allowClear
            placeholder="不限"
            value={depth ? String(depth) : undefined}
            onChange={(value?: string) => setFilter('onlineDepth', value)}
            options={[4, 3, 2, 1].map((value) => ({
              value: String(value),
              label: ONLINE_DEPTHS[value]?.label,
            }))}
          />
        </div>
      </div>

      {results.isPending ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : results.isError ? (
        <QueryErrorAlert title="搜索失败" error={results.error} onRetry={() => void results.refetch()} />
      ) : (
        <>
          {results.data.bundles.length > 0 ? (
            <section className="result-bundles" aria-labelledby="result-bundles-heading">
              <h2 id="result-bundles-heading" className="section-title">
                一件事
              </h2>
              <ul className="result-list">
                {results.data.bundles.map((bundle) => (
                  <li key={bundle.code} className="result-item">
                    <Link to={`/bundles/${bundle.code}`} className="result-name">
                      {bundle.name}
                    </Link>
                    <p className="result-description">{bundle.description}</p>
                    <Tag color="purple">一件事 · {bundle.itemCount} 个事项</Tag>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <p className="muted" role="status">
            共找到 {results.data.total} 个事项
          </p>
          {results.data.items.length === 0 ? (
            <Empty description="没有找到相关事项。请换个关键词、切换地区，或拨打 12345 咨询。" />
          ) : (
            <ul className="result-list">
              {results.data.items.map((item) => (
                <li key={item.implementationCode} className="result-item">
                  <Link to={`/services/${item.implementationCode}`} className="result-name">
                    {item.name}
                  </Link>
                  <p className="result-description">
                    {item.department.name} · {item.typeLabel}
                  </p>
                  <dl className="result-facts">
                    <div>
                      <dt>网办深度</dt>
                      <dd>
                        <Tag color={ONLINE_DEPTHS[item.onlineDepth]?.color}>
                          {ONLINE_DEPTHS[item.onlineDepth]?.short}
                        </Tag>
                      </dd>
                    </div>
                    <div>
                      <dt>到现场次数</dt>
                      <dd>{item.visits} 次</dd>
                    </div>
                    <div>
                      <dt>承诺时限</dt>
                      <dd>{timeLimitText(item.promisedTimeLimit)}</dd>
                    </div>
                    <div>
                      <dt>收费</dt>
                      <dd>{item.charged ? '收费' : '不收费'}</dd>
                    </div>
                  </dl>
                  {item.highFrequency ? <Tag color="orange">高频</Tag> : null}
                  {item.atMostOneVisit ? <Tag color="cyan">最多跑一次</Tag> : null}
                </li>
              ))}
            </ul>
          )}
          {results.data.total > PAGE_SIZE ? (
            <Pagination
              className="result-pagination"
              current={page}
              pageSize={PAGE_SIZE}
              total={results.data.total}
              showSizeChanger={false}
              onChange={(next) => {
                const updated = new URLSearchParams(params);
                updated.set('page', String(next));
                setParams(updated);
              }}
            />
          ) : null}
        </>
      )}
    </section>
  );
}

/** Browse by department (按部门): the departments of the chosen region, searched by name on the server. */
function DepartmentSelect(props: {
  id: string;
  region: string | null | undefined;
  value: string | null;
  onChange: (value: string | undefined) => void;
}) {
  const [search, setSearch] = useState('');
  const departments = useQuery({
    queryKey: ['departments', props.region ?? '', search],
    queryFn: ({ signal }) =>
      apiGet('/api/v1/departments', {
        query: {
          ...(props.region ? { regionCode: props.region } : {}),
          ...(search ? { q: search } : {}),
          pageSize: 100,
        },
        signal,
      }),
    staleTime: 300_000,
  });
  return (
    <Select
      id={props.id}
      allowClear
      showSearch
      filterOption={false}
      onSearch={setSearch}
      placeholder="全部部门"
      loading={departments.isFetching}
      value={props.value ?? undefined}
      onChange={(value?: string) => props.onChange(value)}
      options={(departments.data?.items ?? []).map((item) => ({ value: item.id, label: item.name }))}
      popupMatchSelectWidth={false}
    />
  );
}
