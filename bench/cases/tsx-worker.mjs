/**
 * Entry of a worker thread that runs a TypeScript module: `node --import tsx` registers tsx on the
 * main thread only, so the worker registers it for itself, then imports `workerData.module`.
 */
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
