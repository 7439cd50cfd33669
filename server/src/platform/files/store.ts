import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

/** Where attachment bytes live: the disk by default, an S3-compatible bucket when configured. */
export interface FileStore {
  put(key: string, body: Buffer | Readable, contentType: string): Promise<void>;
  get(key: string): Promise<Readable>;
  delete(key: string): Promise<void>;
}

/** Keys are made by the plumbing (date/uuid), but a key must never climb out of the root. */
function checkKey(key: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(key) || key.split('/').some((p) => p === '..' || p === '.' || p === '')) {
    throw new Error(`bad storage key ${key}`);
  }
  return key;
}

export class DiskFileStore implements FileStore {
  constructor(private readonly root: string) {}

  private pathOf(key: string): string {
    return path.join(this.root, ...checkKey(key).split('/'));
  }

  /** The content type is kept in the attachments row; the disk needs only the bytes. */
  async put(key: string, body: Buffer | Readable, _contentType?: string): Promise<void> {
    const file = this.pathOf(key);
    await fsp.mkdir(path.dirname(file), { recursive: true });
    // Written beside and renamed: a reader never sees half a file, a crash leaves only a .part.
    const tmp = `${file}.${process.pid}.part`;
    await pipeline(Buffer.isBuffer(body) ? Readable.from([body]) : body, fs.createWriteStream(tmp, { flags: 'wx' }));
    await fsp.rename(tmp, file);
  }

  async get(key: string): Promise<Readable> {
    const file = this.pathOf(key);
    // Open first so a missing file rejects here rather than as a stream error mid-response.
    const handle = await fsp.open(file, 'r');
    return handle.createReadStream();
  }

  async delete(key: string): Promise<void> {
    await fsp.rm(this.pathOf(key), { force: true });
  }
}

export interface S3Options {
  bucket: string;
  /** e.g. a MinIO or cloud object-storage endpoint; AWS when absent. */
  endpoint?: string | undefined;
  region: string;
  accessKeyId?: string | undefined;
  secretAccessKey?: string | undefined;
  /** MinIO and most non-AWS services want path-style addressing. */
  forcePathStyle: boolean;
  /** Prepended to every key, so one bucket can hold several deployments. */
  prefix?: string | undefined;
}

/** The part of S3Client the store uses (tests hand in a fake). */
export interface S3Like {
  send(command: PutObjectCommand | GetObjectCommand | DeleteObjectCommand): Promise<unknown>;
}

export class S3FileStore implements FileStore {
  private readonly prefix: string;
  constructor(
    private readonly client: S3Like,
    private readonly bucket: string,
    prefix = '',
  ) {
    this.prefix = prefix && !prefix.endsWith('/') ? `${prefix}/` : prefix;
  }

  static fromOptions(o: S3Options): S3FileStore {
    const client = new S3Client({
      region: o.region,
      forcePathStyle: o.forcePathStyle,
      ...(o.endpoint ? { endpoint: o.endpoint } : {}),
      ...(o.accessKeyId && o.secretAccessKey ? { credentials: { accessKeyId: o.accessKeyId, secretAccessKey: o.secretAccessKey } } : {}),
    });
    return new S3FileStore(client, o.bucket, o.prefix ?? '');
  }

  async put(key: string, body: Buffer | Readable, contentType: string): Promise<void> {
    // PutObject needs a known length; attachments are bounded by the size limit, so buffer a stream.
    const bytes = Buffer.isBuffer(body) ? body : Buffer.concat(await body.toArray());
    await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: this.prefix + checkKey(key), Body: bytes, ContentType: contentType, ContentLength: bytes.length }));
  }

  async get(key: string): Promise<Readable> {
    const out = (await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.prefix + checkKey(key) }))) as { Body?: unknown };
    if (out.Body instanceof Readable) return out.Body;
    throw new Error(`object ${key} has no readable body`);
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.prefix + checkKey(key) }));
  }
}
