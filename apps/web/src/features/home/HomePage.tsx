import { Input } from 'antd';
import { useId } from 'react';
import { useNavigate } from 'react-router';
import { Panel } from '../../shared/Panel';
import { PlatformStatusCard } from './PlatformStatusCard';
import { RegionSwitcher } from './RegionSwitcher';
import './home.css';

const serviceSteps = [
  { title: '查找事项', text: '按名称、主题或部门搜索，阅读办事指南，了解条件、材料和时限。' },
  { title: '在线申报', text: '填写表单、上传材料，已有电子证照的材料无需重复提交。' },
  { title: '跟踪进度', text: '在「我的办件」查看受理、审批进度，按需补正材料。' },
  { title: '获取结果', text: '办结后在线领取电子证照或选择邮寄，并对服务进行评价。' },
] as const;

/** 首页: the service hall's front door — search, region choice, how to apply, platform status. */
export function HomePage() {
  const navigate = useNavigate();
  const searchId = useId();

  const search = (keyword: string) => {
    const query = keyword.trim();
    void navigate(query ? `/services?q=${encodeURIComponent(query)}` : '/services');
  };

  return (
    <>
      <section className="home-hero" aria-labelledby="home-heading">
        <div className="home-hero-inner">
          <h1 id="home-heading" className="home-title">
            政务服务 一网通办
          </h1>
          <p className="home-slogan">让数据多跑路，让群众少跑腿</p>
          <div className="home-search-panel">
            <search className="home-search">
              <label className="visually-hidden" htmlFor={searchId}>
                搜索办事事项
              </label>
              <Input.Search
                id={searchId}
                size="large"
                placeholder="搜索办事事项，如：营业执照"
                enterButton="搜索"
                onSearch={search}
              />
            </search>
            <RegionSwitcher />
          </div>
        </div>
      </section>

      <div className="home-content">
        <Panel title="办事指引">
          <ol className="home-steps">
            {serviceSteps.map((step, index) => (
              <li key={step.title}>
                <span className="home-step-number" aria-hidden="true">
                  {index + 1}
                </span>
                <div>
                  <h3 className="home-step-title">{step.title}</h3>
                  <p className="home-step-text">{step.text}</p>
                </div>
              </li>
            ))}
          </ol>
        </Panel>
        <PlatformStatusCard />
      </div>
    </>
  );
}
