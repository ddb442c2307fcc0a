/**
 * The JavaScript the home page loads first (the entry script and the chunks it preloads), gzip
 * compressed: the figure the service hall keeps under 300 KB. Run after `npm run build`:
 *
 *   node --import tsx e2e/bundle-size.ts
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

export const HOME_JS_BUDGET_BYTES = 300 * 1024;

/** Each first-load script of the built home page with its gzip size, and the total. */
export function homeFirstLoadJs(distDir = resolve('apps/web/dist')) {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const files = [
    ...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g),
  ].map((match) => match[1] as string);
  const scripts = [...new Set(files)].map((file) => ({
    file,
    gzipBytes: gzipSync(readFileSync(join(distDir, file))).length,
  }));
  return { scripts, totalGzipBytes: scripts.reduce((sum, script) => sum + script.gzipBytes, 0) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { scripts, totalGzipBytes } = homeFirstLoadJs();
  for (const script of scripts)
    process.stdout.write(`${(script.gzipBytes / 1024).toFixed(1).padStart(8)} KB  ${script.file}\n`);
  process.stdout.write(
    `${(totalGzipBytes / 1024).toFixed(1).padStart(8)} KB  home page first-load JavaScript (gzip), budget ${HOME_JS_BUDGET_BYTES / 1024} KB\n`,
  );
}
