import { useQueries, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../api/client';
import type { ItemSearchQuery, Region } from '../../api/types';

const HOUR = 60 * 60_000;

/** The regions of one level: the roots for `''`, else the children of `parentCode`. */
export function useRegions(parentCode: string) {
  return useQuery({
    queryKey: ['regions', { parentCode }],
    queryFn: ({ signal }) => apiGet('/api/v1/regions', { query: { parentCode }, signal }),
    staleTime: HOUR, // the region tree changes a few times a year
    select: (list) => list.items,
  });
}

/**
 * The regions a visitor can pick: each root (province), its cities and their counties, grouped by
 * city. Three levels, a handful of small requests, cached for an hour.
 */
export function useRegionChoices() {
  const roots = useRegions('');
  const cities = useQueries({
    queries: (roots.data ?? []).map((root) => ({
      queryKey: ['regions', { parentCode: root.code }],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        apiGet('/api/v1/regions', { query: { parentCode: root.code }, signal }),
      staleTime: HOUR,
    })),
  });
  const cityList: Region[] = cities.flatMap((query) => query.data?.items ?? []);
  const counties = useQueries({
    queries: cityList.map((city) => ({
      queryKey: ['regions', { parentCode: city.code }],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        apiGet('/api/v1/regions', { query: { parentCode: city.code }, signal }),
      staleTime: HOUR,
    })),
  });
  const pending = roots.isPending || cities.some((q) => q.isPending) || counties.some((q) => q.isPending);
  const error = roots.error ?? cities.find((q) => q.error)?.error ?? counties.find((q) => q.error)?.error;
  const groups = (roots.data ?? []).flatMap((root) => [
    { group: root, regions: [root] },
    ...cityList
      .filter((city) => city.parentCode === root.code)
      .map((city) => ({
        group: city,
        regions: [city, ...(counties[cityList.indexOf(city)]?.data?.items ?? [])],
      })),
  ]);
  return { pending, error, groups, refetch: () => void roots.refetch() };
}

/** A search of the catalogue (published items and matching 一件事 bundles). */
export function useItemSearch(query: ItemSearchQuery, enabled = true) {
  return useQuery({
    queryKey: ['items', query],
    queryFn: ({ signal }) => apiGet('/api/v1/items', { query, signal }),
    enabled,
    placeholderData: (previous) => previous,
  });
}

/** Name suggestions while typing. */
export function useSuggestions(text: string) {
  const q = text.trim();
  return useQuery({
    queryKey: ['suggest', q],
    queryFn: ({ signal }) => apiGet('/api/v1/items/suggest', { query: { q }, signal }),
    enabled: q.length > 0,
    staleTime: 5 * 60_000,
    select: (reply) => reply.suggestions,
  });
}

/** Every 一件事 bundle. */
export function useBundles() {
  return useQuery({
    queryKey: ['bundles'],
    queryFn: ({ signal }) => apiGet('/api/v1/bundles', { signal }),
    staleTime: HOUR,
    select: (reply) => reply.items,
  });
}
