import { ToolOutlined } from '@ant-design/icons';
import { Result, Tag } from 'antd';
import type { ReactNode } from 'react';
import { ButtonLink } from './ButtonLink';

interface ComingSoonProps {
  /** The area's name; becomes the page heading and the document title. */
  title: string;
  /** What the area will let people do once it opens. */
  description: string;
  children?: ReactNode;
}

/** A designed stand-in for an area of the platform that is still being built. */
export function ComingSoon({ title, description, children }: ComingSoonProps) {
  return (
    <section className="page-section" aria-labelledby="coming-soon-heading">
      <title>{`${title} - 一网通办`}</title>
      <Result
        icon={<ToolOutlined className="coming-soon-icon" />}
        title={
          <div className="coming-soon-title">
            <h1 id="coming-soon-heading" className="result-heading">
              {title}
            </h1>
            <Tag color="processing">建设中</Tag>
          </div>
        }
        subTitle={<p className="result-text">{description}</p>}
        extra={
          <ButtonLink to="/" type="primary">
            返回首页
          </ButtonLink>
        }
      >
        {children}
      </Result>
    </section>
  );
}
