'use strict';

/**
 * autocannon `setupRequest` for the submission benchmark (see submissions.ts): each request takes
 * the next application of the request's `applications` list (its applicant's headers and body) and a
 * new `Idempotency-Key`, unique across connections, workers and runs, so every request is a first
 * submission and none is answered from the idempotency store. CommonJS because autocannon's worker
 * threads `require()` it by file path.
 */
const { randomBytes } = require('node:crypto');

const prefix = `bench-${randomBytes(6).toString('hex')}`;
let sent = 0;

module.exports = function submit(request) {
  const applications = request.applications;
  if (!Array.isArray(applications) || applications.length === 0) return request;
  const application = applications[sent % applications.length];
  sent += 1;
  return {
    ...request,
    headers: { ...request.headers, ...application.headers, 'idempotency-key': `${prefix}-${sent}` },
    body: application.body,
  };
};
