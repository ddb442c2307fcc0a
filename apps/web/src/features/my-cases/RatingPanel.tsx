import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Input, Rate } from 'antd';
import { useId, useState } from 'react';
import { ApiError, apiCallUntyped, apiGet, newIdempotencyKey, userMessageOf } from '../../api/client';
import { Panel } from '../../shared/Panel';

/** 好差评 five levels, 5 非常满意 … 1 非常不满意. */
export const RATING_LEVELS = ['非常不满意', '不满意', '基本满意', '满意', '非常满意'];

const REASONS = ['办理时间长', '材料要求多', '多次跑动', '服务态度差', '流程不清楚', '系统不好用'];

interface Rating {
  level: number;
  comment?: string | null;
  reasons?: string[];
}

/**
 * 好差评: one rating per case online (一事一评) once it is completed. The rating route
 * (`POST /cases/{id}/rating`, and `rating` in the applicant's case view) is being added to the
 * server; until it answers, the panel says the rating opens soon instead of failing.
 */
export function RatingPanel({ caseId }: { caseId: string }) {
  const queryClient = useQueryClient();
  const labelId = useId();
  const commentId = useId();
  const [level, setLevel] = useState(0);
  const [comment, setComment] = useState('');
  const [reasons, setReasons] = useState<string[]>([]);
  const [key] = useState(newIdempotencyKey);
  // The case view carries `rating` once the route exists; read it without the generated type.
  const view = useQuery({
    queryKey: ['case', caseId],
    queryFn: ({ signal }) => apiGet('/api/v1/cases/{id}', { path: { id: caseId }, signal }),
  });
  const existing = (view.data as { rating?: Rating | null } | undefined)?.rating ?? null;
  const rate = useMutation({
    mutationFn: () =>
      apiCallUntyped<unknown>('POST', `/api/v1/cases/${caseId}/rating`, {
        body: { level, ...(comment ? { comment } : {}), ...(reasons.length ? { reasons } : {}) },
        idempotencyKey: key,
      }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['case', caseId] }),
  });
  const notYet =
    rate.error instanceof ApiError && rate.error.status === 404 && rate.error.code === 'ROUTE_NOT_FOUND';

  if (existing || rate.isSuccess) {
    const shown = existing ?? { level };
    return (
      <Panel title="服务评价">
        <p role="status">
          您的评价：<strong>{RATING_LEVELS[shown.level - 1]}</strong>
          {shown.comment ? `，${shown.comment}` : ''}。感谢您的评价！
        </p>
      </Panel>
    );
  }
  return (
    <Panel title="服务评价（好差评）">
      <p id={labelId}>请对本次办事服务进行评价：</p>
      <Rate aria-labelledby={labelId} value={level} onChange={setLevel} tooltips={RATING_LEVELS} count={5} />
      {level > 0 ? <span className="muted"> {RATING_LEVELS[level - 1]}</span> : null}
      {level > 0 && level <= 3 ? (
        <fieldset className="rating-reasons">
          <legend className="visually-hidden">不满意的原因</legend>
          <Checkbox.Group
            options={REASONS}
            value={reasons}
            onChange={(values) => setReasons(values as string[])}
          />
        </fieldset>
      ) : null}
      <label htmlFor={commentId} className="visually-hidden">
        评价意见
      </label>
      <Input.TextArea
        id={commentId}
        placeholder="意见和建议（选填）"
        maxLength={500}
        value={comment}
        onChange={(event) => setComment(event.target.value)}
        autoSize={{ minRows: 2 }}
      />
      {notYet ? (
        <Alert type="info" showIcon title="评价功能即将开放，请稍后再来评价。" />
      ) : rate.error ? (
        <Alert type="error" showIcon title={userMessageOf(rate.error)} />
      ) : null}
      <div className="wizard-actions">
        <Button type="primary" disabled={level === 0} loading={rate.isPending} onClick={() => rate.mutate()}>
          提交评价
        </Button>
      </div>
    </Panel>
  );
}
