import { CloseCircleFilled, WarningFilled } from '@ant-design/icons';
import { Button } from 'antd';
import { ApiError } from '../api/client';

interface ErrorStateProps {
  error: unknown;
  /** Renders the failed part again; offered only when the caller can do that. */
  onRetry?: () => void;
}

/** A lazily loaded chunk could not be fetched: usually a flaky network or a new deployment. */
function isChunkLoadError(error: unknown): boolean {
  return (
    error instanceof Error &&
    /Failed to fetch dynamically imported module|Importing a module script failed|error loading dynamically imported module/i.test(
      error.message,
    )
  );
}

const reload = () => window.location.reload();

/**
 * What users see instead of a part of the page that crashed. Never shows internals: only an
 * ApiError's message, which the server writes for people. Plain markup rather than antd's
 * Result, whose illustrations would otherwise ride along in every first page load.
 */
export function ErrorState({ error, onRetry }: ErrorStateProps) {
  if (isChunkLoadError(error)) {
    return (
      <div className="error-state" role="alert">
        <WarningFilled className="error-state-icon error-state-icon-warning" aria-hidden="true" />
        <h1 className="result-heading">页面资源加载失败</h1>
        <p className="result-text">可能是网络不稳定，或平台刚刚完成更新。请刷新页面后重试。</p>
        <div className="error-state-actions">
          <Button type="primary" onClick={reload}>
            刷新页面
          </Button>
        </div>
      </div>
    );
  }

  const requestId = error instanceof ApiError ? error.requestId : undefined;
  return (
    <div className="error-state" role="alert">
      <CloseCircleFilled className="error-state-icon error-state-icon-error" aria-hidden="true" />
      <h1 className="result-heading">页面出错了</h1>
      <p className="result-text">
        {error instanceof ApiError ? error.message : '很抱歉，页面遇到了意外问题。'}
        请重试或返回首页；如问题持续，请拨打政务服务便民热线 12345。
      </p>
      {requestId ? <p className="result-text request-id">请求编号：{requestId}</p> : null}
      <div className="error-state-actions">
        <Button type="primary" onClick={onRetry ?? reload}>
          {onRetry ? '重试' : '刷新页面'}
        </Button>
        {/* A plain link on purpose: the router itself may be what broke. */}
        <Button href="/">返回首页</Button>
      </div>
    </div>
  );
}
