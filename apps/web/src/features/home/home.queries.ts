import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../api/client';
import type { Readiness, RegionList } from '../../api/contract';

/** Whether the platform can serve requests: `GET /readyz` (503 with an error body when not). */
export function useReadiness() {
  return useQuery({
    queryKey: ['readiness'],
    queryFn: ({ signal }) => apiGet<Readiness>('/readyz', { signal }),
    // A 503 here is the answer, not a hiccup: show it at once instead of retrying.
    retry: false,
    refetchInterval: 60_000,
  });
}

/** The top level of the region tree (provinces, or whatever roots the platform is set up with). */
export function useRootRegions() {
  return useQuery({
    queryKey: ['regions', { parentCode: '' }],
    queryFn: ({ signal }) => apiGet<RegionList>('/regions?parentCode=', { signal }),
    staleTime: 60 * 60_000, // the region tree changes a few times a year
    select: (list) => list.items,
  });
}
