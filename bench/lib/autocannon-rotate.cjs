'use strict';

/**
 * autocannon `setupRequest` for an HttpTarget with `paths` (see http.ts): each request takes the
 * next path of the request's `rotation` list, starting at a random point, so the connections of a
 * run ask for different things one after another instead of the same URL. CommonJS because
 * autocannon's worker threads `require()` it by file path.
 */
let next = -1;

module.exports = function rotate(request) {
  const paths = request.rotation;
  if (!Array.isArray(paths) || paths.length === 0) return request;
  if (next < 0) next = Math.floor(Math.random() * paths.length);
  const path = paths[next % paths.length];
  next = (next + 1) % paths.length;
  return { ...request, path };
};
