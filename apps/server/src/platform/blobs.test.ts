import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DiskBlobStore } from './blobs.js';
import { AppError } from './errors.js';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n', 'latin1');
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(64, 7),
]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 1)]);
const OFD = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.from('OFD.xml')]);

const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Every file under `dir`, relative to it. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}

/** The AppError a promise rejects with. */
async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('DiskBlobStore', () => {
  let directory: string;
  let store: DiskBlobStore;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'yiwang-blobs-'));
    store = new DiskBlobStore({ directory, maxBytes: 1024 * 1024 });
  });
  afterEach(() => rm(directory, { recursive: true, force: true }));

  it('stores bytes under their SHA-256 and reads them back', async () => {
    const stored = await store.put(PDF, { mediaType: 'application/pdf', field: 'body.licence' });
    const sha256 = sha256Of(PDF);
    expect(stored).toEqual({ sha256, size: PDF.length, mediaType: 'application/pdf' });
    expect(await filesUnder(directory)).toEqual([join(sha256.slice(0, 2), sha256.slice(2, 4), sha256)]);
    expect(await store.has(sha256)).toBe(true);
    const stream = await store.open(sha256);
    expect(await text(stream ?? Readable.from([]))).toBe(PDF.toString('latin1'));
  });

  it('accepts each allowed type, declared loosely, from a stream of small chunks', async () => {
    const cases = [
      [PNG, 'image/png'],
      [JPEG, 'IMAGE/JPEG'],
      [OFD, 'application/ofd; charset=binary'],
    ] as const;
    for (const [bytes, mediaType] of cases) {
      // One byte per chunk: the magic bytes span several chunks.
      const chunks = Readable.from([...bytes].map((byte) => Buffer.from([byte])));
      const stored = await store.put(chunks, { mediaType, field: 'body.photo' });
      expect(stored).toEqual({
        sha256: sha256Of(bytes),
        size: bytes.length,
        mediaType: mediaType.split(';')[0]?.toLowerCase(),
      });
      expect(
        await readFile(join(directory, stored.sha256.slice(0, 2), stored.sha256.slice(2, 4), stored.sha256)),
      ).toEqual(bytes);
    }
  });

  it('does not know hashes it has not stored, nor names that are not hashes', async () => {
    expect(await store.has(sha256Of(PNG))).toBe(false);
    expect(await store.open(sha256Of(PNG))).toBeUndefined();
    expect(await store.has('../../etc/passwd')).toBe(false);
    expect(await store.open('../../etc/passwd')).toBeUndefined();
  });

  it('stores the same bytes once and returns the same blob again', async () => {
    const first = await store.put(PDF, { mediaType: 'application/pdf', field: 'body.a' });
    const second = await store.put(Readable.from([PDF.subarray(0, 10), PDF.subarray(10)]), {
      mediaType: 'application/pdf',
      field: 'body.b',
    });
    expect(second).toEqual(first);
    expect(await filesUnder(directory)).toHaveLength(1);
  });

  it('stores concurrent puts of the same bytes once, each getting the blob', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, () => store.put(PNG, { mediaType: 'image/png', field: 'body.photo' })),
    );
    for (const result of results) expect(result).toEqual(results[0]);
    expect(await filesUnder(directory)).toHaveLength(1);
  });

  it('refuses an undeclared or unsupported type before reading anything', async () => {
    let pulled = 0;
    async function* source() {
      pulled += 1;
      yield PDF;
    }
    const error = await refusal(store.put(source(), { mediaType: 'text/html', field: 'body.licence' }));
    expect(error).toMatchObject({ code: 'BLOB_TYPE_NOT_ALLOWED', statusCode: 415, field: 'body.licence' });
    expect(error.message).toMatch(/不支持的文件类型/);
    expect(pulled).toBe(0);
    expect(await filesUnder(directory)).toEqual([]);
  });

  it('refuses bytes that are not what was declared, leaving no file behind', async () => {
    const cases = [
      [PNG, 'application/pdf'],
      [PDF, 'image/png'],
      [Buffer.from('<html>not a picture</html>'), 'image/jpeg'],
      // Shorter than the signature it would need.
      [Buffer.from([0x89, 0x50]), 'image/png'],
    ] as const;
    for (const [bytes, mediaType] of cases) {
      const error = await refusal(store.put(bytes, { mediaType, field: 'body.photo' }));
      expect(error).toMatchObject({ code: 'BLOB_CONTENT_MISMATCH', statusCode: 415, field: 'body.photo' });
    }
    expect(await filesUnder(directory)).toEqual([]);
  });

  it('refuses an empty upload', async () => {
    for (const data of [Buffer.alloc(0), Readable.from([Buffer.alloc(0)])]) {
      const error = await refusal(store.put(data, { mediaType: 'application/pdf', field: 'body.licence' }));
      expect(error).toMatchObject({ code: 'BLOB_EMPTY', statusCode: 400, field: 'body.licence' });
    }
    expect(await filesUnder(directory)).toEqual([]);
  });

  it('refuses one byte over the limit, and accepts the limit exactly', async () => {
    const small = new DiskBlobStore({ directory, maxBytes: PDF.length });
    expect((await small.put(PDF, { mediaType: 'application/pdf', field: 'body.a' })).size).toBe(PDF.length);
    const over = Buffer.concat([PDF, Buffer.from('\n')]);
    const error = await refusal(small.put(over, { mediaType: 'application/pdf', field: 'body.b' }));
    expect(error).toMatchObject({ code: 'BLOB_TOO_LARGE', statusCode: 413, field: 'body.b' });
    expect(error.details).toEqual({ maxBytes: PDF.length });
    expect(error.message).toMatch(/超过大小上限/);
    // A put may tighten the store's limit, never loosen it.
    const tightened = await refusal(
      store.put(PDF, { mediaType: 'application/pdf', field: 'body.c', maxBytes: 10 }),
    );
    expect(tightened.code).toBe('BLOB_TOO_LARGE');
    expect(await filesUnder(directory)).toHaveLength(1);
  });

  it('refuses a large stream as soon as it passes the limit, without reading the rest', async () => {
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let pulled = 0;
    let closed = false;
    async function* endless() {
      try {
        yield Buffer.from('%PDF-1.7\n');
        // 1 GiB if read to the end.
        for (let i = 0; i < 16 * 1024; i += 1) {
          pulled += 1;
          yield chunk;
        }
      } finally {
        closed = true;
      }
    }
    const error = await refusal(store.put(endless(), { mediaType: 'application/pdf', field: 'body.scan' }));
    expect(error.code).toBe('BLOB_TOO_LARGE');
    // 9 bytes + 16 chunks of 64 KiB passes the 1 MiB limit: refused on the 16th chunk.
    expect(pulled).toBe(16);
    expect(closed).toBe(true);
    expect(await filesUnder(directory)).toEqual([]);
  });

  it('destroys a Readable source it refuses, and cleans up when the source fails', async () => {
    const source = Readable.from(
      (function* () {
        yield Buffer.from('GIF89a');
        yield Buffer.alloc(1024);
      })(),
    );
    await refusal(store.put(source, { mediaType: 'image/png', field: 'body.photo' }));
    expect(source.destroyed).toBe(true);

    async function* broken() {
      yield PDF;
      throw new Error('client went away');
    }
    await expect(store.put(broken(), { mediaType: 'application/pdf', field: 'body.a' })).rejects.toThrow(
      'client went away',
    );
    expect(await filesUnder(directory)).toEqual([]);
  });
});
