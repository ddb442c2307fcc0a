import { createHash, randomUUID } from 'node:crypto';
import { type FileHandle, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { AppError } from './errors.js';

/** The media types an applicant may upload as application materials (申请材料). */
export const BLOB_MEDIA_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'application/ofd'] as const;
export type BlobMediaType = (typeof BLOB_MEDIA_TYPES)[number];

/**
 * The leading bytes each allowed type must start with. OFD (GB/T 33190) is a zip container, so it
 * is recognised by the zip local-file-header signature.
 */
const MAGIC_BYTES: Record<BlobMediaType, Buffer> = {
  'application/pdf': Buffer.from('%PDF-', 'latin1'),
  'image/jpeg': Buffer.from([0xff, 0xd8, 0xff]),
  'image/png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  'application/ofd': Buffer.from([0x50, 0x4b, 0x03, 0x04]),
};

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** A blob as stored: its content address, length in bytes and checked media type. */
export interface StoredBlob {
  sha256: string;
  size: number;
  mediaType: BlobMediaType;
}

export interface BlobPutOptions {
  /** The media type the client declared (e.g. the multipart part's Content-Type). */
  mediaType: string;
  /** The input field the upload came from, named in every refusal (e.g. `body.materials.0`). */
  field: string;
  /** A tighter limit for this upload than the store's own. */
  maxBytes?: number;
}

/** Content-addressed storage of uploaded files; the same bytes are stored once. */
export interface BlobStore {
  /** Store the bytes after checking size and type; refusals are AppErrors naming the field. */
  put(data: Uint8Array | AsyncIterable<Uint8Array>, options: BlobPutOptions): Promise<StoredBlob>;
  /** The stored bytes, or undefined when no blob has this hash. */
  open(sha256: string): Promise<Readable | undefined>;
  has(sha256: string): Promise<boolean>;
}

const MEBIBYTE = 1024 * 1024;

function formatSize(bytes: number): string {
  return bytes >= MEBIBYTE ? `${Math.floor((bytes / MEBIBYTE) * 10) / 10} MB` : `${bytes} 字节`;
}

export const blobTooLarge = (field: string, maxBytes: number) =>
  new AppError('BLOB_TOO_LARGE', 413, `文件超过大小上限（最大 ${formatSize(maxBytes)}）`, {
    field,
    details: { maxBytes },
  });

export const blobTypeNotAllowed = (field: string, mediaType: string) =>
  new AppError('BLOB_TYPE_NOT_ALLOWED', 415, '不支持的文件类型，仅接受 PDF、JPEG、PNG 或 OFD 文件', {
    field,
    details: { mediaType, allowed: [...BLOB_MEDIA_TYPES] },
  });

export const blobContentMismatch = (field: string, mediaType: BlobMediaType) =>
  new AppError('BLOB_CONTENT_MISMATCH', 415, '文件内容与声明的类型不符，请检查文件是否损坏或扩展名是否正确', {
    field,
    details: { mediaType },
  });

export const blobEmpty = (field: string) => new AppError('BLOB_EMPTY', 400, '文件为空', { field });

/** `Application/PDF; charset=binary` → `application/pdf`, if that is an allowed type. */
function allowedMediaType(declared: string): BlobMediaType | undefined {
  const essence = declared.split(';', 1)[0]?.trim().toLowerCase() ?? '';
  return (BLOB_MEDIA_TYPES as readonly string[]).includes(essence) ? (essence as BlobMediaType) : undefined;
}

/**
 * Blobs on the local disk under `directory`, at `ab/cd/<sha256>`. An upload streams to a temporary
 * file in the same directory (so the final rename is atomic) while it is hashed, counted and its
 * leading bytes checked; it is refused as soon as it breaks a limit, and a refused or failed upload
 * leaves no file behind.
 */
export class DiskBlobStore implements BlobStore {
  constructor(private readonly options: { directory: string; maxBytes: number }) {
    if (!Number.isSafeInteger(options.maxBytes) || options.maxBytes < 1)
      throw new RangeError('DiskBlobStore maxBytes must be a positive integer');
  }

  async put(data: Uint8Array | AsyncIterable<Uint8Array>, options: BlobPutOptions): Promise<StoredBlob> {
    const { field } = options;
    const mediaType = allowedMediaType(options.mediaType);
    if (!mediaType) throw blobTypeNotAllowed(field, options.mediaType);
    const maxBytes = Math.min(options.maxBytes ?? this.options.maxBytes, this.options.maxBytes);
    const magic = MAGIC_BYTES[mediaType];

    await mkdir(this.options.directory, { recursive: true });
    const tempPath = join(this.options.directory, `.incoming-${randomUUID()}`);
    let file: FileHandle | undefined;
    try {
      // Materials carry personal data: readable by the server's user only.
      file = await open(tempPath, 'wx', 0o600);
      const hash = createHash('sha256');
      let size = 0;
      let head = Buffer.alloc(0);
      const chunks = data instanceof Uint8Array ? [data] : data;
      for await (const chunk of chunks) {
        if (chunk.byteLength === 0) continue;
        size += chunk.byteLength;
        // Throwing here ends the loop, which closes (destroys) a stream source: nothing more is read.
        if (size > maxBytes) throw blobTooLarge(field, maxBytes);
        if (head.length < magic.length) {
          head = Buffer.concat([head, chunk.subarray(0, magic.length - head.length)]);
          if (head.length === magic.length && !head.equals(magic))
            throw blobContentMismatch(field, mediaType);
        }
        hash.update(chunk);
        await file.write(chunk);
      }
      if (size === 0) throw blobEmpty(field);
      if (head.length < magic.length) throw blobContentMismatch(field, mediaType);
      await file.sync();
      await file.close();
      file = undefined;

      const sha256 = hash.digest('hex');
      const finalPath = this.pathOf(sha256);
      if (await exists(finalPath)) {
        // The same bytes are already stored: this put is a no-op.
        await rm(tempPath, { force: true });
      } else {
        await mkdir(join(finalPath, '..'), { recursive: true });
        // Two concurrent puts of the same bytes may both get here; the later rename replaces an
        // identical file atomically, and readers holding the earlier one keep reading it.
        await rename(tempPath, finalPath);
      }
      return { sha256, size, mediaType };
    } catch (error) {
      await file?.close().catch(() => {});
      await rm(tempPath, { force: true });
      throw error;
    }
  }

  async open(sha256: string): Promise<Readable | undefined> {
    if (!SHA256_HEX.test(sha256)) return undefined;
    try {
      const file = await open(this.pathOf(sha256), 'r');
      return file.createReadStream();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async has(sha256: string): Promise<boolean> {
    return SHA256_HEX.test(sha256) && exists(this.pathOf(sha256));
  }

  /** Only ever called with a checked lowercase hex hash, so it cannot leave the directory. */
  private pathOf(sha256: string): string {
    return join(this.options.directory, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
