import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { DEMO_PASSWORD } from './modules/identity/identity.demo.js';

/** Start the platform: load config, build the app, listen, and shut down gracefully on SIGTERM. */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }

  const app = await buildApp(config);
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    const timer = setTimeout(() => {
      app.log.error('shutdown timed out; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    timer.unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const base = `http://${shown}:${port}`;
  const lines = [
    '',
    `  一网通办 Yiwang is running at ${base}`,
    `  database: ${app.database.engine === 'pglite' ? `PGlite (embedded) in ${config.dataDir}` : 'PostgreSQL server'}`,
    `  API reference: ${base}/api/docs    readiness: ${base}/readyz`,
  ];
  if (!existsSync(join(config.webDistDir, 'index.html')))
    lines.push('  web app not built: run `npm run build`');
  if (config.seedDemoData) {
    lines.push(
      '  demo data: 浙江省 regions and departments, the service catalogue (200 entries, 一件事 bundles).',
    );
    lines.push(`  demo logins (password ${DEMO_PASSWORD} for every account; sign in at ${base}/):`);
    for (const login of app.demoLogins)
      lines.push(`    ${login.login.padEnd(20)} ${login.who}  ${login.note}`);
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`Yiwang failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
