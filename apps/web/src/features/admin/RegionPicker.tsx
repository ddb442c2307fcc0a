import { Cascader } from 'antd';
import { useEffect, useState } from 'react';
import { apiGet } from '../../api/client';

interface RegionOption {
  value: string;
  label: string;
  isLeaf?: boolean;
  children?: RegionOption[];
  loading?: boolean;
}

const toOption = (region: { code: string; name: string; level: string }): RegionOption => ({
  value: region.code,
  label: region.name,
  isLeaf: region.level === 'township' || region.level === 'village',
});

/**
 * A region (行政区划) picked level by level from the server's tree (each level loaded when opened);
 * any level may be chosen. The value is the chosen region's code.
 */
export function RegionPicker({
  value,
  onChange,
  id,
  placeholder = '选择行政区划',
  allowClear = true,
  ariaLabel,
}: {
  value?: string | undefined;
  onChange?: (value: string | undefined) => void;
  id?: string;
  placeholder?: string;
  allowClear?: boolean;
  ariaLabel?: string;
}) {
  const [options, setOptions] = useState<RegionOption[]>([]);
  useEffect(() => {
    const controller = new AbortController();
    apiGet('/api/v1/regions', { signal: controller.signal })
      .then((top) => setOptions(top.items.map(toOption)))
      .catch(() => {});
    return () => controller.abort();
  }, []);
  const [path, setPath] = useState<string[]>([]);
  const [names, setNames] = useState<Record<string, string>>({});
  // Follow a value set from outside (the URL, a form's initial value). Only ever set the path when it
  // differs: a fresh empty array on every run would re-render for ever and starve navigation.
  useEffect(() => {
    if (!value) {
      if (path.length > 0) setPath([]);
    } else if (path[path.length - 1] !== value) {
      apiGet('/api/v1/regions/{code}', { path: { code: value } })
        .then((region) => {
          setNames(Object.fromEntries([...region.path, region].map((p) => [p.code, p.name])));
          setPath([...region.path.map((p) => p.code), region.code]);
        })
        .catch(() => setPath([value]));
    }
  }, [value, path]);
  const loadData = async (selected: RegionOption[]) => {
    const target = selected[selected.length - 1];
    if (!target) return;
    const children = await apiGet('/api/v1/regions', { query: { parentCode: target.value } });
    target.children = children.items.map(toOption);
    if (target.children.length === 0) target.isLeaf = true;
    setOptions((current) => [...current]);
  };
  return (
    <Cascader
      id={id}
      aria-label={ariaLabel}
      className="admin-region-picker"
      options={options}
      loadData={loadData}
      changeOnSelect
      allowClear={allowClear}
      placeholder={placeholder}
      value={path.length > 0 ? path : undefined}
      displayRender={(labels) => labels.map((label) => names[String(label)] ?? label).join(' / ')}
      onChange={(selected) => {
        const codes = (selected ?? []) as string[];
        setPath(codes);
        onChange?.(codes[codes.length - 1]);
      }}
    />
  );
}
