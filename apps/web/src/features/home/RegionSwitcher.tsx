import { Select, Skeleton } from 'antd';
import { type ReactNode, useId } from 'react';
import { QueryErrorAlert } from '../../shared/QueryErrorAlert';
import { useStoredString } from '../../shared/use-stored-string';
import { useRegionChoices } from './home.queries';

/** localStorage key of the region the visitor last chose. */
export const SELECTED_REGION_KEY = 'yiwang.region';

/** The region the visitor chose (remembered in localStorage), or null for everywhere. */
export function useSelectedRegion(): [string | null, (code: string | null) => void] {
  return useStoredString(SELECTED_REGION_KEY);
}

/** Lets visitors pick the region whose services they want; the choice survives reloads. */
export function RegionSwitcher({ compact = false }: { compact?: boolean }) {
  const selectId = useId();
  const choices = useRegionChoices();
  const [storedCode, setStoredCode] = useSelectedRegion();

  let control: ReactNode;
  if (choices.pending) {
    control = (
      <div role="status" aria-live="polite">
        <span className="visually-hidden">地区列表加载中…</span>
        <Skeleton.Input active block size={compact ? 'middle' : 'large'} />
      </div>
    );
  } else if (choices.error) {
    control = <QueryErrorAlert title="地区列表加载失败" error={choices.error} onRetry={choices.refetch} />;
  } else {
    const known = choices.groups.some((group) => group.regions.some((region) => region.code === storedCode));
    control = (
      <Select
        id={selectId}
        size={compact ? 'middle' : 'large'}
        className="region-select"
        placeholder="全部地区"
        value={known ? storedCode : undefined}
        onChange={(code: string | undefined) => setStoredCode(code ?? null)}
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        notFoundContent="没有匹配的地区"
        options={choices.groups.map(({ group, regions }) => ({
          label: group.name,
          title: group.name,
          options: regions.map((region) => ({
            value: region.code,
            label: region === group ? `${region.name}（本级）` : region.name,
          })),
        }))}
      />
    );
  }

  return (
    <div className="region-switcher">
      <label className="region-switcher-label" htmlFor={selectId}>
        所在地区
      </label>
      <div className="region-switcher-control">{control}</div>
    </div>
  );
}
