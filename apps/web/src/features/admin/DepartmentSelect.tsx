import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { apiGet } from '../../api/client';

/** A department picked by name, searched on the server (20 at a time). */
export function DepartmentSelect({
  value,
  onChange,
  id,
  allowClear = false,
  placeholder = '输入部门名称搜索',
  ariaLabel,
}: {
  value?: string | undefined;
  onChange?: (value: string) => void;
  id?: string;
  allowClear?: boolean;
  placeholder?: string;
  ariaLabel?: string;
}) {
  const [q, setQ] = useState('');
  const departments = useQuery({
    queryKey: ['admin', 'departments', 'pick', q],
    queryFn: ({ signal }) =>
      apiGet('/api/v1/departments', { query: { ...(q ? { q } : {}), pageSize: 20 }, signal }),
  });
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
      options={(departments.data?.items ?? []).map((d) => ({
        value: d.id,
        label: `${d.name}（${d.regionName}）`,
      }))}
    />
  );
}
