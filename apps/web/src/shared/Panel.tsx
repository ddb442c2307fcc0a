import { type ReactNode, useId } from 'react';

interface PanelProps {
  /** Becomes the panel's h2 and names the region for screen readers. */
  title: string;
  /** Actions shown at the right of the heading, e.g. a refresh button. */
  extra?: ReactNode;
  className?: string;
  children: ReactNode;
}

/**
 * A titled white box, like antd's Card. The shell uses its own because Card statically pulls in
 * Tabs and Menu (about a third of antd's first-load weight) for its rarely used tab header.
 */
export function Panel({ title, extra, className, children }: PanelProps) {
  const headingId = useId();
  return (
    <section className={className ? `panel ${className}` : 'panel'} aria-labelledby={headingId}>
      <div className="panel-header">
        <h2 id={headingId} className="panel-title">
          {title}
        </h2>
        {extra}
      </div>
      <div className="panel-body">{children}</div>
    </section>
  );
}
