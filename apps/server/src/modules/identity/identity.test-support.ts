import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Test support for the sign-in flows: a free port, a cookie-keeping browser, our pages' forms. */

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A browser: a cookie jar and redirects followed by hand, stopping at the relying party. */
export class Browser {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly stopAt: string[]) {}

  private store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1);
      if (/expires=Thu, 01 Jan 1970/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  private header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  /** Request `url`, follow redirects until a page or an address of a relying party. */
  async go(
    url: string,
    form?: Record<string, string>,
  ): Promise<{ url: string; status: number; html: string }> {
    let current = url;
    let init: RequestInit = form
      ? {
          method: 'POST',
          body: new URLSearchParams(form).toString(),
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        }
      : { method: 'GET' };
    for (let hops = 0; hops < 20; hops += 1) {
      if (this.stopAt.some((prefix) => current.startsWith(prefix)))
        return { url: current, status: 302, html: '' };
      const response = await fetch(current, {
        ...init,
        redirect: 'manual',
        headers: { ...(init.headers as Record<string, string>), cookie: this.header() },
      });
      this.store(response);
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        current = new URL(location, current).href;
        init = { method: 'GET' };
        continue;
      }
      return { url: current, status: response.status, html: await response.text() };
    }
    throw new Error('too many redirects');
  }

  forget(): void {
    this.cookies.clear();
  }
}

export const formAction = (html: string, suffix: string) => {
  const match = new RegExp(`action="([^"]*/${suffix})"`).exec(html);
  if (!match?.[1]) throw new Error(`no form posting to ${suffix} in:\n${html.slice(0, 2000)}`);
  return match[1];
};
