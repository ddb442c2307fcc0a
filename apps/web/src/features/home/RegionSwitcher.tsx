import { Empty, Select, Skeleton } from 'antd';
import { type ReactNode, useId } from 'react';
import { QueryErrorAlert } from '../../shared/QueryErrorAlert';
import { useStoredString } from '../../shared/use-stored-string';
import { useRootRegions } from './home.queries';

/** localStorage key of the region the visitor last chose. */
export const SELECTED_REGION_KEY = 'yiwang.region';

/** Lets visitors pick the region whose services they want; the choice survives reloads. */
export function RegionSwitcher() {
  const selectId = useId();
  const regions = useRootRegions();
  const [storedCode, setStoredCode] = useStoredString(SELECTED_REGION_KEY);

  let control: ReactNode;
  let showsSelect = false;
  if (regions.isPending) {
    control = (
      <div role="status" aria-live="polite">
        <span className="visually-hidden">地区列表加载中…</span>
        <Skeleton.Input active block size="large" />
      </div>
    );
  } else if (regions.isError) {
    control = (
      <QueryErrorAlert
        title="地区列表加载失败"
        error={regions.error}
        onRetry={() => void regions.refetch()}
        retrying={regions.isFetching}
      />
    );
  } else if (regions.data.length === 0) {
    control = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无可选地区，请稍后再试" />;
  } else {
    // A remembered code that is no longer offered (the tree was revised) counts as no choice.
    const selected = regions.data.find((region) => region.code === storedCode)?.code;
    showsSelect = true;
    control = (
      <Select
        id={selectId}
        size="large"
        className="region-select"
        placeholder="请选择所在地区"
        value={selected}
        onChange={(code: string | undefined) => setStoredCode(code ?? null)}
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        notFoundContent="没有匹配的地区"
        options={regions.data.map((region) => ({ value: region.code, label: region.name }))}
      />
    );
  }

  return (
    <div className="region-switcher">
      {showsSelect ? (
        <label className="region-switcher-label" htmlFor={selectId}>
          所在地区
        </label>
      ) : (
        <span className="region-switcher-label">所在地区</span>
      )}
      <div className="region-switcher-control">{control}</div>
    </div>
  );
}
