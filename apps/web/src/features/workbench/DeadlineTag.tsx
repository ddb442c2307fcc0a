import { Tag } from 'antd';
import { useT } from '../../shared/i18n';

const LEVELS = {
  none: { color: 'green', text: 'workbench.deadline.none' },
  yellow: { color: 'gold', text: 'workbench.deadline.yellow' },
  red: { color: 'red', text: 'workbench.deadline.red' },
} as const;

/**
 * A deadline with its warning colour (green / yellow / red, from the case's clocks) and the same
 * meaning in words, so that colour is never the only signal.
 */
export function DeadlineTag({ date, level }: { date: string | null | undefined; level: string }) {
  const t = useT();
  if (!date) return <span className="muted">—</span>;
  const shown = LEVELS[level as keyof typeof LEVELS] ?? LEVELS.none;
  return (
    <Tag color={shown.color} className="deadline-tag" data-level={level}>
      {date} · {t(shown.text)}
    </Tag>
  );
}
