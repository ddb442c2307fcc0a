import { Tag } from 'antd';

const LEVELS: Record<string, { color: string; text: string }> = {
  none: { color: 'green', text: '正常' },
  yellow: { color: 'gold', text: '即将到期' },
  red: { color: 'red', text: '已超期' },
};

/**
 * A deadline with its warning colour (green / yellow / red, from the case's clocks) and the same
 * meaning in words, so that colour is never the only signal.
 */
export function DeadlineTag({ date, level }: { date: string | null | undefined; level: string }) {
  if (!date) return <span className="muted">—</span>;
  const shown = LEVELS[level] ?? LEVELS.none;
  return (
    <Tag color={shown?.color} className="deadline-tag" data-level={level}>
      {date} · {shown?.text}
    </Tag>
  );
}
