import type { FastifyInstance } from 'fastify';
import { withTransaction } from '../../platform/database.js';
import type { JobDefinition } from '../../platform/jobs.js';
import * as repo from './cases.repo.js';
import {
  acceptOverdueApplications,
  type CaseEngine,
  returnOverdueDeferrals,
  todaysBands,
} from './cases.service.js';

/**
 * The deadline warning scan (预警): yellow when the configured number of working days or fewer
 * remain on the earlier clock, red once overdue; every change is written to the warning record
 * supervision reads. One set-based statement over the narrow `case_warning_levels` that reads only
 * the rows whose level is to change (an index on level and due date), so its cost follows the cases
 * crossing into yellow or red, not the millions open.
 */
export async function raiseWarnings(app: FastifyInstance, engine: CaseEngine) {
  return withTransaction(app.database.db, (tx) => repo.scanWarnings(tx, todaysBands(engine)));
}

/** The case engine's scheduled jobs: warnings, 第32条 acceptance on arrival, overdue 容缺 returns. */
export function caseJobs(app: FastifyInstance): JobDefinition[] {
  const db = () => app.database.db;
  const withTx = <T>(fn: Parameters<typeof withTransaction<T>>[1]) => withTransaction(db(), fn);
  return [
    {
      name: 'cases.warning-scan',
      cron: '*/30 * * * *',
      retryLimit: 1,
      handler: async () => {
        const changed = await raiseWarnings(app, await app.caseEngine());
        app.log.info({ changed: changed.length }, 'case warnings scanned');
      },
    },
    {
      name: 'cases.completeness',
      cron: '5 * * * *',
      retryLimit: 1,
      handler: async () => {
        const accepted = await acceptOverdueApplications(db(), await app.caseEngine(), withTx);
        if (accepted > 0) app.log.warn({ accepted }, 'applications accepted on arrival (行政许可法 第32条)');
      },
    },
    {
      name: 'cases.deferrals',
      cron: '10 * * * *',
      retryLimit: 1,
      handler: async () => {
        const returned = await returnOverdueDeferrals(db(), await app.caseEngine(), withTx);
        if (returned > 0) app.log.info({ returned }, 'cases returned: 容缺 material overdue');
      },
    },
  ];
}
