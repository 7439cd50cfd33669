import path from 'node:path';
import type { Config } from '../../config.js';
import { DiskFileStore, S3FileStore, type FileStore } from './store.js';

export * from './store.js';
export * from './service.js';
export * from './upload.js';

/** The store the configuration asks for: S3-compatible when FILES_S3_BUCKET is set, else the disk. */
export function createFileStore(config: Config): FileStore {
  const f = config.files;
  if (f.s3) return S3FileStore.fromOptions(f.s3);
  return new DiskFileStore(path.resolve(f.dir));
}
