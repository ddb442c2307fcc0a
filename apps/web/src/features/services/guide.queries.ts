import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../api/client';

/** The full guide of a published item by 实施编码, or by 基本编码 and region. */
export function useGuide(code: string, region?: string | null) {
  return useQuery({
    queryKey: ['guide', code, region ?? null],
    queryFn: ({ signal }) =>
      apiGet('/api/v1/items/{code}', { path: { code }, query: region ? { region } : {}, signal }),
    staleTime: 5 * 60_000,
  });
}
