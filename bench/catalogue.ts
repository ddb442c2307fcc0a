/**
 * `npm run bench:catalogue`: the service catalogue at national-catalogue scale. Loads 20,000
 * published implementation entries (the 200 seed entries and generated ones, see
 * catalogue/generate.ts), then measures search and guide reads at 50 connections against a bare
 * Fastify route measured in the same run. Targets (the issue's): search p99 under 30 ms; cached
 * guide reads at least half the bare route's requests per second. A missed target is printed as
 * FAIL and does not change the exit code; errors and non-2xx responses do (1), as does a run that
 * cannot finish (2). See bench/README.md.
 */
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { seedCatalogue } from '../apps/server/src/modules/catalogue/catalogue.seed-data.js';
import { planCatalogue } from './catalogue/generate.js';
import { type LoadMode, loadPlan } from './catalogue/load.js';
import { type CatalogueReport, formatCatalogueReport, type TargetCheck } from './catalogue/report.js';
import { catalogueTargets, guideCodes, searchPaths, searchStats } from './catalogue/targets.js';
import {
  type HttpLoad,
  type HttpMeasurement,
  type HttpTarget,
  measurementProblems,
  runAutocannon,
} from './lib/http.js';
import { createDatabase, dropDatabase, redactUrl, serverVersion } from './lib/pg.js';
import { fileStamp, httpRows } from './lib/report.js';
import {
  adminUrlSetting,
  type Cleanup,
  exitWith,
  integerSetting,
  progress,
  runBenchmark,
  runEnvironment,
} from './lib/run.js';
import { startApp, startBarePayloadServer, startBareServer } from './lib/servers.js';

const resultsDir = fileURLToPath(new URL('./results/', import.meta.url));

/** The targets. */
const SEARCH_P99_MS = 30;
const CACHED_GUIDE_RATIO = 0.5;
/** Guides in the hot (cached) set. */
const HOT_GUIDES = 200;

interface Settings {
  adminUrl: string;
  load: HttpLoad;
  /** Published entries to reach, the seed's included. */
  entries: number;
  loadMode: LoadMode;
  batchSize: number;
}

function readSettings(env: NodeJS.ProcessEnv): Settings {
  const loadMode = env.BENCH_CATALOGUE_LOAD || 'bulk';
  if (loadMode !== 'bulk' && loadMode !== 'services')
    throw new Error(`BENCH_CATALOGUE_LOAD: expected "bulk" or "services", got "${loadMode}"`);
  return {
    adminUrl: adminUrlSetting(env),
    load: {
      seconds: integerSetting(env, 'BENCH_SECONDS', 10),
      warmupSeconds: integerSetting(env, 'BENCH_WARMUP_SECONDS', 2, 0),
      connections: integerSetting(env, 'BENCH_CONNECTIONS', 50),
      workers: integerSetting(env, 'BENCH_WORKERS', 1, 0),
    },
    // Enough beyond the seed and the hot guides for an uncached set.
    entries: integerSetting(env, 'BENCH_CATALOGUE_ENTRIES', 20_000, 1000),
    loadMode,
    batchSize: integerSetting(env, 'BENCH_CATALOGUE_BATCH', 500),
  };
}

async function measure(target: HttpTarget, load: HttpLoad): Promise<HttpMeasurement> {
  progress(`measuring ${target.name}`);
  const measurement = await runAutocannon(target, load);
  const problems = measurementProblems(measurement);
  if (problems.length > 0) progress(`!! ${target.name}: ${problems.join('; ')}`);
  return measurement;
}

async function run(settings: Settings, cleanup: Cleanup): Promise<CatalogueReport> {
  const startedAt = new Date();
  const { adminUrl, load } = settings;
  let postgres: string;
  try {
    postgres = await serverVersion(adminUrl);
  } catch (error) {
    throw new Error(`the PostgreSQL server at ${redactUrl(adminUrl)} does not answer: ${String(error)}`);
  }
  const environment = runEnvironment(postgres, adminUrl);
  // Planned first: a catalogue the vocabulary cannot yield fails before anything is created.
  const seedEntries = seedCatalogue.entries.length;
  const plan = planCatalogue(seedCatalogue, settings.entries - seedEntries);
  const appDatabase = `yiwang_bench_${fileStamp(startedAt)}_${process.pid}`;
  progress(`creating ${appDatabase} on ${redactUrl(adminUrl)}`);
  // Registered before creating, so a half-made run is still dropped (`if exists`).
  cleanup.add(`drop ${appDatabase}`, () => dropDatabase(adminUrl, appDatabase));
  const databaseUrl = await createDatabase(adminUrl, appDatabase);

  const bare = await startBareServer();
  cleanup.add('close the bare server', bare.close);
  progress('starting the app (migrations, demo organisation and seed catalogue)');
  const app = await startApp(databaseUrl);
  cleanup.add('close the app', app.close);
  // autocannon stops with requests still running in the app (a slow search); let them finish
  // before the app closes its pool under them.
  cleanup.add('let the last requests finish', () => new Promise((resolve) => setTimeout(resolve, 2000)));
  const database = app.app.database;

  const countPublished = async () =>
    Number((await database.executeSql('select count(*)::int as n from catalogue_search')).rows[0]?.n);
  const seeded = await countPublished();
  if (seeded !== seedEntries)
    throw new Error(`the app seeded ${seeded} published entries, not the ${seedEntries} of seedCatalogue`);
  progress(
    `loading ${plan.entries.length} more entries (${plan.basicItems.length} basic items) ` +
      `${settings.loadMode === 'bulk' ? 'by the bulk path' : 'through the catalogue services'}`,
  );
  const loading = await loadPlan(database, plan, {
    mode: settings.loadMode,
    batchSize: settings.batchSize,
    progress,
  });
  const publishedInSearch = await countPublished();
  if (publishedInSearch !== settings.entries)
    throw new Error(`catalogue_search has ${publishedInSearch} rows after loading, not ${settings.entries}`);
  const basicItems = Number(
    (await database.executeSql('select count(*)::int as n from catalogue_basic_items')).rows[0]?.n,
  );
  progress(
    `verified: ${publishedInSearch} published entries in catalogue_search (${loading.totalSeconds.toFixed(0)} s)`,
  );

  const codes = await guideCodes(database, HOT_GUIDES);
  const regionCodes = (await database.executeSql('select code from org_regions order by code')).rows.map(
    (row) => String(row.code),
  );
  const searchTotals = new Map<string, number>();
  const targets = catalogueTargets(app.url, codes, searchTotals, regionCodes);

  // The second baseline: bare Fastify answering the hot guides' own bytes, as the app sends them.
  const hotPaths = targets.hotGuides.paths ?? [];
  const guideBytes = new Map<string, string>();
  for (const path of hotPaths) guideBytes.set(path, await (await fetch(`${app.url}${path}`)).text());
  const bareGuides = await startBarePayloadServer('/api/v1/items/:code', guideBytes);
  cleanup.add('close the bare guide server', bareGuides.close);
  const loadAverageBeforeMeasuring = loadavg();

  const bareMeasurement = await measure({ name: 'bare Fastify GET /', url: `${bare.url}/` }, load);
  const measurements: HttpMeasurement[] = [];
  for (const target of [
    targets.healthz,
    targets.search,
    targets.searchMisses,
    {
      name: `bare Fastify GET /api/v1/items/{code}: the same ${hotPaths.length} guides' bytes from a Map`,
      url: bareGuides.url,
      paths: hotPaths,
    },
    targets.hotGuides,
    targets.coldGuides,
  ])
    measurements.push(await measure(target, load));
  const rows = httpRows(bareMeasurement, measurements, undefined);
  const [, , search, searchMisses, bareGuideRow, hotGuides] = rows;
  if (!search || !searchMisses || !bareGuideRow || !hotGuides) throw new Error('a measurement is missing');
  const hotGuideRatio = hotGuides.requestsPerSecond / bareGuideRow.requestsPerSecond;

  const checks: TargetCheck[] = [
    {
      name: 'search p99 latency',
      value: search.latencyP99Ms,
      unit: 'ms',
      comparison: '<',
      threshold: SEARCH_P99_MS,
      pass: search.latencyP99Ms < SEARCH_P99_MS,
    },
    {
      name: 'cached guide reads, req/s ÷ bare Fastify sending the same guide bytes',
      value: hotGuideRatio,
      unit: 'ratio',
      comparison: '≥',
      threshold: CACHED_GUIDE_RATIO,
      pass: hotGuideRatio >= CACHED_GUIDE_RATIO,
    },
  ];
  const notes: string[] = [
    `cached guide reads ÷ bare Fastify GET / ({"hello":"world"}): ${hotGuides.ratioToBare.toFixed(3)} ` +
      `(bare Fastify itself sends the same guide bytes at ${bareGuideRow.ratioToBare.toFixed(3)} of GET /)`,
  ];
  if (searchMisses.requests > searchMisses.distinctRequests)
    notes.push(
      `the never-seen searches came round again: ${searchMisses.requests} requests over ` +
        `${searchMisses.distinctRequests} distinct ones, so some were cache hits; the row flatters the miss path`,
    );
  const problems = rows.flatMap((row) =>
    measurementProblems(row).map((problem) => `${row.name}: ${problem}`),
  );

  return {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    environment,
    loadAverageBeforeMeasuring,
    load,
    catalogue: {
      entries: settings.entries,
      seedEntries,
      seedSubItemEntries: plan.seedSubItemEntries,
      generatedEntries: plan.generatedEntries,
      basicItems,
      publishedInSearch,
      loading,
    },
    search: searchStats(searchPaths(), searchTotals),
    http: rows,
    targets: checks,
    notes,
    problems,
  };
}

function main(): Promise<number> {
  const settings = readSettings(process.env);
  return runBenchmark({
    name: 'catalogue',
    resultsDir,
    run: (cleanup) => run(settings, cleanup),
    format: formatCatalogueReport,
    afterReport: (report) => {
      const missed = report.targets.filter((check) => !check.pass);
      if (missed.length > 0)
        process.stderr.write(
          `\n======== TARGET MISSED: ${missed.map((check) => check.name).join('; ')} ========\n` +
            'The figures above are the result; a missed target does not fail the run.\n',
        );
    },
  });
}

exitWith(main);
