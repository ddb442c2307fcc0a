import { Skeleton } from 'antd';

/** Stands in for a page while its code is being loaded. */
export function PageSkeleton() {
  return (
    <div className="page-section" role="status" aria-live="polite">
      <span className="visually-hidden">页面加载中…</span>
      <Skeleton active title={{ width: '40%' }} paragraph={{ rows: 6 }} />
    </div>
  );
}
