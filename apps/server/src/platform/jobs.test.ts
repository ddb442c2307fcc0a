import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/harness.js';
import { type Jobs, startJobs } from './jobs.js';

describe('pg-boss job queue on this engine', () => {
  let t: TestApp;
  let extra: Jobs | undefined;
  beforeAll(async () => {
    t = await createTestApp({ config: { jobsEnabled: true, outboxPollMs: 50 } });
  });
  afterAll(async () => {
    await extra?.stop();
    await t.close();
  });

  it('starts with the app and schedules the nightly audit verification', async () => {
    expect(t.app.jobs).not.toBeNull();
    const schedules = await t.app.jobs?.boss.getSchedules();
    expect(schedules?.map((s) => s.name)).toContain('platform.audit-verify');
  });

  it('runs a job sent to a queue', async () => {
    const received = new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('job not processed within 20 s')), 20_000);
      void startJobs(
        t.database,
        [
          {
            name: 'test.echo',
            handler: async (data) => {
              clearTimeout(timer);
              resolve(data);
            },
          },
        ],
        t.app.log,
      ).then(async (jobs) => {
        extra = jobs;
        await jobs.send('test.echo', { caseNo: '330106-2026-000001' });
      }, reject);
    });
    expect(await received).toEqual({ caseNo: '330106-2026-000001' });
  });
});
