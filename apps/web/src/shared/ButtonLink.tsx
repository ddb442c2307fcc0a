import { Button, type ButtonProps } from 'antd';
import type { MouseEvent } from 'react';
import { useHref, useLinkClickHandler } from 'react-router';

interface ButtonLinkProps extends Omit<ButtonProps, 'href' | 'onClick'> {
  /** An in-app route, e.g. `/services`. */
  to: string;
}

/**
 * An antd button that is really a link: a real `<a href>` (so it can be opened in a new tab and
 * reads as a link to screen readers) that navigates inside the app without a page reload.
 */
export function ButtonLink({ to, ...buttonProps }: ButtonLinkProps) {
  const href = useHref(to);
  const onClick = useLinkClickHandler<HTMLAnchorElement>(to);
  return (
    <Button
      {...buttonProps}
      href={href}
      onClick={(event: MouseEvent<HTMLElement>) => onClick(event as MouseEvent<HTMLAnchorElement>)}
    />
  );
}
