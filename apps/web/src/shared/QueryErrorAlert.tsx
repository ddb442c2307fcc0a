import { Alert, Button } from 'antd';
import { ApiError, userMessageOf } from '../api/client';

interface QueryErrorAlertProps {
  /** What failed, e.g. 「地区列表加载失败」. */
  title: string;
  error: unknown;
  onRetry: () => void;
  retrying?: boolean;
}

/** The error state of a piece of data: the server's message, the request id, and a retry. */
export function QueryErrorAlert({ title, error, onRetry, retrying = false }: QueryErrorAlertProps) {
  const requestId = error instanceof ApiError ? error.requestId : undefined;
  return (
    <Alert
      type="error"
      showIcon
      title={title}
      description={
        <>
          {userMessageOf(error)}
          {requestId ? <span className="request-id">请求编号：{requestId}</span> : null}
        </>
      }
      action={
        <Button size="small" onClick={onRetry} loading={retrying}>
          重试
        </Button>
      }
    />
  );
}
