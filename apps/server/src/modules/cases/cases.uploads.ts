import type { FastifyRequest } from 'fastify';
import type { BlobStore, StoredBlob } from '../../platform/blobs.js';
import { caseErrors } from './cases.errors.js';

/**
 * Store the raw request body of a material upload (a case's or a 一件事 application's) in the blob
 * store: its media type from Content-Type, refused past `maxBytes`. Call it only after checking the
 * caller may upload there, so nobody fills the store through someone else's case.
 */
export async function storeUploadedBody(
  request: FastifyRequest,
  materialKey: string,
  blobs: BlobStore,
  maxBytes: number,
): Promise<StoredBlob> {
  const body = request.body as AsyncIterable<Uint8Array> | undefined;
  if (!body || typeof (body as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] !== 'function')
    throw caseErrors.materialNotProvided(materialKey);
  return blobs.put(body, {
    mediaType: request.headers['content-type'] ?? '',
    field: 'body',
    maxBytes,
  });
}
