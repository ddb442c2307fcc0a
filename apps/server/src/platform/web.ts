import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { declarePublicRoutes } from './access.js';

const ASSETS_DIR = join('assets', '');

const NOT_BUILT_PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>一网通办</title></head>
<body><main><h1>一网通办</h1><p>网页端尚未构建。请在项目根目录运行 <code>npm run build</code> 后刷新本页。</p>
<p>接口文档：<a href="/api/docs">/api/docs</a></p></main></body></html>`;

/**
 * Serve the built web app (apps/web/dist) at `/`. Client-side routes (any other GET for HTML that
 * is not an API path) get index.html, so deep links work. Returns the not-found fallback.
 */
export async function registerWeb(
  app: FastifyInstance,
  distDir: string,
): Promise<(request: FastifyRequest, reply: FastifyReply) => Promise<boolean>> {
  const indexPath = join(distDir, 'index.html');
  const built = existsSync(indexPath);
  if (built) {
    await app.register(async (web) => {
      declarePublicRoutes(web);
      await web.register(fastifyStatic, {
        root: distDir,
        wildcard: false,
        index: ['index.html'],
        cacheControl: false,
        setHeaders: (reply, path) => {
          // Vite fingerprints assets; the HTML must always be fresh.
          reply.header(
            'cache-control',
            path.includes(ASSETS_DIR) ? 'public, max-age=31536000, immutable' : 'no-cache',
          );
        },
      });
    });
  } else {
    app.get('/', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) =>
      reply.type('text/html; charset=utf-8').send(NOT_BUILT_PAGE),
    );
  }
  const indexHtml = built ? readFileSync(indexPath, 'utf8') : NOT_BUILT_PAGE;

  return async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const wantsPage =
      (request.method === 'GET' || request.method === 'HEAD') &&
      !path.startsWith('/api/') &&
      !path.includes('.') &&
      (request.headers.accept ?? '').includes('text/html');
    if (!wantsPage) return false;
    await reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml);
    return true;
  };
}
