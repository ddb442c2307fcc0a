import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { apiGet } from '../../api/client';

/**
 * A department picked by name, searched on the server (20 at a time); with `regionCode`, only the
 * departments of that region and the regions below it (a caller's region scope).
 */
export function DepartmentSelect({
  value,
  onChange,
  id,
  allowClear = false,
  placeholder = '输入部门名称搜索',
  ariaLabel,
  regionCode,
}: {
  value?: string | undefined;
  onChange?: (value: string) => void;
  id?: string;
  allowClear?: boolean;
  placeholder?: string;
  ariaLabel?: string;
  regionCode?: string | undefined;
}) {
  const [q, setQ] = useState('');
  const departments = useQuery({
    queryKey: ['admin', 'departments', 'pick', q, regionCode ?? ''],
    queryFn: ({ signal }) =>
      apiGet('/api/v1/departments', {
        query: {
          ...(q ? { q } : {}),
          ...(regionCode ? { regionCode, includeSubRegions: true } : {}),
          pageSize: 20,
        },
        signal,
      }),
  });
  // The chosen department may not be among the 20 the search shows: name it anyway.
  const chosen = useQuery({
    queryKey: ['admin', 'departments', 'one', value],
    queryFn: ({ signal }) => apiGet('/api/v1/departments/{id}', { path: { id: value ?? '' }, signal }),
    enabled: !!value && !(departments.data?.items ?? []).some((d) => d.id === value),
    staleTime: 60_000,
  });
  const listed = departments.data?.items ?? [];
  const shown =
    chosen.data && !listed.some((d) => d.id === chosen.data.id) ? [chosen.data, ...listed] : listed;
  return (
    <Select
      id={id}
      showSearch
      filterOption={false}
      onSearch={setQ}
      value={value}
      onChange={onChange}
      loading={departments.isFetching}
      placeholder={placeholder}
      allowClear={allowClear}
      aria-label={ariaLabel}
      popupMatchSelectWidth={false}
      options={shown.map((d) => ({
        value: d.id,
        label: `${d.name}（${d.regionName}）`,
      }))}
    />
  );
}
