import { DownloadOutlined, FormOutlined } from '@ant-design/icons';
import { Alert, Descriptions, type DescriptionsProps, Steps, Table, type TableProps, Tag } from 'antd';
import { useEffect, useRef } from 'react';
import { useParams, useSearchParams } from 'react-router';
import type { Guide, GuideMaterial } from '../../api/types';
import { ButtonLink } from '../../shared/ButtonLink';
import { ErrorState } from '../../shared/ErrorState';
import { useT } from '../../shared/i18n';
import {
  ASSURANCE,
  AUDIENCES,
  HANDLING_FORMS,
  MATERIAL_FORMS,
  NECESSITY,
  ONLINE_DEPTHS,
  SOURCE_CHANNELS,
  timeLimitText,
} from '../../shared/labels';
import { PageSkeleton } from '../../shared/PageSkeleton';
import { Panel } from '../../shared/Panel';
import { useGuide } from './guide.queries';
import './services.css';

/** Whether the applicant need not submit the material: an e-licence or shared data replaces it (免提交). */
export function isReusable(material: GuideMaterial): boolean {
  return (
    (material.sourceChannel === 'government_issued' && Boolean(material.licenceTypeCode)) ||
    material.sourceChannel === 'shared_data'
  );
}

function basicFacts(guide: Guide): DescriptionsProps['items'] {
  const g = guide.guide;
  return [
    { key: 'type', label: '事项类型', children: guide.typeLabel },
    { key: 'body', label: '实施主体', children: guide.department.name },
    { key: 'region', label: '行政区划', children: guide.region.name },
    { key: 'handling', label: '办件类型', children: g.handlingType === 'immediate' ? '即办件' : '承诺件' },
    { key: 'legal', label: '法定办结时限', children: timeLimitText(g.legalTimeLimit) },
    { key: 'promised', label: '承诺办结时限', children: timeLimitText(g.promisedTimeLimit) },
    {
      key: 'visits',
      label: '到办事现场次数',
      children: `${g.visits} 次${g.visitReason ? `（${g.visitReason}）` : ''}`,
    },
    {
      key: 'fee',
      label: '是否收费',
      children: g.fee.charged ? `收费：${g.fee.standard}（依据：${g.fee.basis}）` : '不收费',
    },
    {
      key: 'forms',
      label: '办理形式',
      children: g.handlingForms.map((f) => HANDLING_FORMS[f] ?? f).join('、'),
    },
    { key: 'depth', label: '网办深度', children: ONLINE_DEPTHS[g.onlineDepth]?.label },
    { key: 'audience', label: '服务对象', children: g.audiences.map((a) => AUDIENCES[a] ?? a).join('、') },
    { key: 'result', label: '办理结果', children: g.result.name },
    {
      key: 'assurance',
      label: '网上申请身份要求',
      children: ASSURANCE[g.requiredAssurance ?? 'self_declared']?.label,
    },
  ];
}

const materialColumns: TableProps<GuideMaterial>['columns'] = [
  {
    key: 'name',
    title: '材料名称',
    render: (_value, material) => (
      <>
        <span className="material-name">{material.name}</span>
        {material.condition ? <span className="material-notes">情形：{material.condition}</span> : null}
        <span className="material-notes">规格：{material.specification}</span>
        {material.fillingNotes ? (
          <span className="material-notes">填报须知：{material.fillingNotes}</span>
        ) : null}
        <span className="material-notes">受理标准：{material.acceptanceStandard}</span>
      </>
    ),
  },
  {
    key: 'form',
    title: '形式',
    width: 90,
    render: (_value, material) => material.forms.map((f) => MATERIAL_FORMS[f] ?? f).join('/'),
  },
  { key: 'copies', title: '份数', width: 60, dataIndex: 'copies' },
  {
    key: 'source',
    title: '来源',
    width: 150,
    render: (_value, material) => (
      <>
        <div>{SOURCE_CHANNELS[material.sourceChannel] ?? material.sourceChannel}</div>
        {isReusable(material) ? <Tag color="green">免提交</Tag> : null}
        {material.necessity === 'deferrable' ? <Tag color="orange">容缺</Tag> : null}
      </>
    ),
  },
  {
    key: 'necessity',
    title: '必要性',
    width: 110,
    render: (_value, material) => NECESSITY[material.necessity] ?? material.necessity,
  },
  {
    key: 'files',
    title: '下载',
    width: 120,
    render: (_value, material) =>
      material.blankForm || material.sample ? (
        <>
          {material.blankForm ? (
            <a href={material.blankForm.url} download>
              <DownloadOutlined aria-hidden="true" /> 空白表格
            </a>
          ) : null}
          {material.sample ? (
            <a href={material.sample.url} download className="material-notes">
              <DownloadOutlined aria-hidden="true" /> 示例样表
            </a>
          ) : null}
        </>
      ) : (
        <span className="muted">无</span>
      ),
  },
];

/** 办事指南: every guide field of one implementation entry, laid out for reading, with the apply button. */
export function GuidePage() {
  const { code = '' } = useParams();
  const [params] = useSearchParams();
  const t = useT();
  const guide = useGuide(code, params.get('region'));

  if (guide.isPending) return <PageSkeleton />;
  if (guide.isError) return <ErrorState error={guide.error} onRetry={() => void guide.refetch()} />;
  const item = guide.data;
  const g = item.guide;
  const online = g.onlineDepth >= 3;
  const required = ASSURANCE[g.requiredAssurance ?? 'self_declared'];

  return (
    <article className="page-section" aria-labelledby="guide-heading">
      <title>{`${item.name}（${item.region.name}）办事指南 - ${t('app.name')}`}</title>
      <header className="guide-header">
        <div>
          <h1 id="guide-heading" className="page-title">
            {item.name}
          </h1>
          <p className="page-subtitle">
            {item.department.name} · 实施编码 {item.implementationCode}
          </p>
          <Tag color={ONLINE_DEPTHS[g.onlineDepth]?.color}>{ONLINE_DEPTHS[g.onlineDepth]?.short}</Tag>
          {g.atMostOneVisit ? <Tag color="cyan">最多跑一次</Tag> : null}
          {g.crossProvince ? <Tag color="geekblue">跨省通办</Tag> : null}
        </div>
        <div className="guide-apply">
          {online ? (
            <>
              <ButtonLink
                to={`/services/${item.implementationCode}/apply`}
                type="primary"
                size="large"
                icon={<FormOutlined />}
              >
                {t('guide.apply')}
              </ButtonLink>
              <span className="muted">需登录，身份要求：{required?.label}</span>
            </>
          ) : (
            <Alert type="info" showIcon title="本事项暂不支持网上申请，请携带材料到办理地点办理。" />
          )}
        </div>
      </header>

      <div className="guide-sections">
        <Panel title="基本信息">
          <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small" bordered items={basicFacts(item)} />
        </Panel>

        <Panel title="受理条件">
          <ol className="guide-list">
            {g.acceptanceConditions.map((condition) => (
              <li key={condition}>{condition}</li>
            ))}
          </ol>
        </Panel>

        <Panel title="申请材料" className="guide-materials">
          <ScrollableTable>
            <Table
              rowKey="key"
              size="small"
              pagination={false}
              scroll={{ x: 720 }}
              columns={materialColumns}
              dataSource={item.materials}
            />
          </ScrollableTable>
          <p className="muted">
            标“免提交”的材料可由电子证照库或共享数据直接获取，无需上传；标“容缺”的材料可在承诺后补交。
          </p>
        </Panel>

        <Panel title="办理流程">
          <Steps
            orientation="vertical"
            size="small"
            current={-1}
            items={[
              { title: '网上申请', content: '登录后填写申请表、提交材料' },
              ...item.process.steps.map((step) => ({
                title: step.name,
                content: step.workingDays > 0 ? `${step.workingDays} 个工作日内` : '当场或即时办理',
              })),
              { title: '办结', content: `领取结果：${g.result.name}` },
            ]}
          />
        </Panel>

        {g.specialProcedures.length > 0 ? (
          <Panel title="特别程序">
            <ul className="guide-list">
              {g.specialProcedures.map((procedure) => (
                <li key={procedure.name}>
                  <strong>{procedure.name}</strong>：{procedure.description}
                  {procedure.maxWorkingDays
                    ? `（不超过 ${procedure.maxWorkingDays} 个工作日，不计入办理时限）`
                    : ''}
                </li>
              ))}
            </ul>
          </Panel>
        ) : null}

        <Panel title="设定依据">
          <ul className="guide-list">
            {item.legalBasis.map((basis) => (
              <li key={`${basis.title}${basis.article ?? ''}`}>
                <strong>
                  {basis.title}
                  {basis.article ?? ''}
                </strong>
                {basis.text ? <p className="muted">{basis.text}</p> : null}
              </li>
            ))}
          </ul>
        </Panel>

        <Panel title="办理地点和时间">
          {g.places.length === 0 ? (
            <p className="muted">全程网办，无需到现场。</p>
          ) : (
            <ul className="guide-list">
              {g.places.map((place) => (
                <li key={place.name}>
                  <strong>{place.name}</strong>
                  <div>地址：{place.address}</div>
                  <div>时间：{place.hours}</div>
                </li>
              ))}
            </ul>
          )}
        </Panel>

        <Panel title="咨询和监督投诉">
          <Descriptions
            column={1}
            size="small"
            items={[
              {
                key: 'consult',
                label: '咨询方式',
                children: [g.consultation.phone, g.consultation.online, g.consultation.address]
                  .filter(Boolean)
                  .join('；'),
              },
              {
                key: 'complaint',
                label: '监督投诉',
                children: [g.complaint.phone, g.complaint.online, g.complaint.address]
                  .filter(Boolean)
                  .join('；'),
              },
            ]}
          />
        </Panel>
      </div>
    </article>
  );
}

/**
 * On a narrow screen the materials table scrolls sideways; keyboard users must be able to reach
 * and scroll it (WCAG 2.1.1), so its scrolling box is made focusable and named.
 */
function ScrollableTable({ children }: { children: React.ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const scroller = box.current?.querySelector<HTMLElement>('.ant-table-content');
    if (scroller) {
      scroller.tabIndex = 0;
      scroller.setAttribute('role', 'region');
      scroller.setAttribute('aria-label', '申请材料表（可左右滚动）');
    }
  });
  return <div ref={box}>{children}</div>;
}
