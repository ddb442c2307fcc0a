import { Result } from 'antd';
import { ButtonLink } from './ButtonLink';

/** Shown for any address the app has no page for. */
export function NotFoundPage() {
  return (
    <section className="page-section" aria-labelledby="not-found-heading">
      <title>页面不存在 - 一网通办</title>
      <Result
        status="404"
        title={
          <h1 id="not-found-heading" className="result-heading">
            页面不存在
          </h1>
        }
        subTitle={<p className="result-text">您访问的页面不存在或已被移除，请检查网址是否正确。</p>}
        extra={
          <ButtonLink to="/" type="primary">
            返回首页
          </ButtonLink>
        }
      />
    </section>
  );
}
