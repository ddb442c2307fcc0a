import type { ReactNode } from 'react';

/**
 * A wide table on a narrow screen: the region scrolls sideways instead of the page, and can be
 * focused so keyboard users can scroll it too (WCAG 2.1.1). Tables inside set no `scroll.x` of their
 * own: antd then clones column titles (a select-all checkbox) into a hidden measuring row, which
 * would put a focusable control inside `aria-hidden`.
 */
export function ScrollRegion({
  label,
  minWidth,
  children,
}: {
  label: string;
  minWidth: number;
  children: ReactNode;
}) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard.
    <section className="scroll-region" tabIndex={0} aria-label={label}>
      <div style={{ minWidth }}>{children}</div>
    </section>
  );
}
