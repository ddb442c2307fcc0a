/**
 * The workbench's data: queues, counts, the staff view of a case and its actions. Every call goes
 * through the one typed API client; lists are paged and filtered by the server.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiGet, apiSend, authorizationHeader, errorOf, newIdempotencyKey } from '../../api/client';
import type { ActionBody, CaseAction, QueryOf, ResponseOf } from '../../api/types';

export type QueueName = QueryOf<'/api/v1/workbench/cases', 'get'>['queue'];
export type QueueQuery = QueryOf<'/api/v1/workbench/cases', 'get'>;
export type QueuePage = ResponseOf<'/api/v1/workbench/cases', 'get'>;
export type QueueCase = QueuePage['items'][number];
export type StaffCaseView = ResponseOf<'/api/v1/cases/{id}', 'get'>;
export type EntryVersion = ResponseOf<'/api/v1/catalogue/versions/{versionId}', 'get'>;
export type CaseLicenceUse = ResponseOf<'/api/v1/licences/cases/{caseId}', 'get'>['items'][number];

/** The queues in the order a case moves through them, then the two deadline views. */
export const QUEUES: { key: QueueName; label: string }[] = [
  { key: 'pre_review', label: '待预审' },
  { key: 'acceptance', label: '待受理' },
  { key: 'review', label: '待审查' },
  { key: 'decision', label: '待决定' },
  { key: 'production', label: '待制证' },
  { key: 'delivery', label: '待送达' },
  { key: 'due_soon', label: '即将超期' },
  { key: 'overdue', label: '已超期' },
];

export function useQueue(query: QueueQuery) {
  return useQuery({
    queryKey: ['workbench', 'queue', query],
    queryFn: ({ signal }) => apiGet('/api/v1/workbench/cases', { query, signal }),
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
}

export function useQueueCounts(filter: Pick<QueueQuery, 'assignee' | 'q'>) {
  return useQuery({
    queryKey: ['workbench', 'counts', filter],
    queryFn: ({ signal }) => apiGet('/api/v1/workbench/counts', { query: filter, signal }),
    staleTime: 10_000,
  });
}

export function useStaffCase(id: string) {
  return useQuery({
    queryKey: ['workbench', 'case', id],
    queryFn: ({ signal }) => apiGet('/api/v1/cases/{id}', { path: { id }, signal }),
    staleTime: 0,
  });
}

/** The catalogue version a case executes (its form, materials and process as they were). */
export function useEntryVersion(versionId: string | undefined) {
  return useQuery({
    queryKey: ['catalogue', 'version', versionId],
    queryFn: ({ signal }) =>
      apiGet('/api/v1/catalogue/versions/{versionId}', { path: { versionId: versionId ?? '' }, signal }),
    enabled: Boolean(versionId),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useCaseLicences(caseId: string) {
  return useQuery({
    queryKey: ['workbench', 'licences', caseId],
    queryFn: ({ signal }) => apiGet('/api/v1/licences/cases/{caseId}', { path: { caseId }, signal }),
  });
}

/** Refresh everything the workbench shows after a change. */
export function useRefreshWorkbench() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ['workbench'] });
}

/** Take an action on a case, at the revision the clerk looked at (a stale page is refused). */
export function useCaseAction(caseId: string) {
  const refresh = useRefreshWorkbench();
  return useMutation({
    mutationFn: ({ action, body }: { action: CaseAction; body: ActionBody }) =>
      apiSend('post', '/api/v1/cases/{id}/actions/{action}', {
        path: { id: caseId, action },
        body,
        idempotencyKey: newIdempotencyKey(),
      }),
    onSuccess: () => void refresh(),
  });
}

/** A binary document of a case (a material's file, a notice PDF) as a blob URL, with the bearer token. */
export async function fetchBlobUrl(url: string): Promise<{ url: string; type: string }> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { Accept: '*/*', ...authorizationHeader() } });
  } catch (error) {
    throw new ApiError(
      0,
      { code: 'NETWORK_ERROR', message: '网络连接失败，请检查网络后重试。' },
      { cause: error },
    );
  }
  if (!response.ok) throw await errorOf(response);
  const blob = await response.blob();
  return { url: URL.createObjectURL(blob), type: blob.type };
}
