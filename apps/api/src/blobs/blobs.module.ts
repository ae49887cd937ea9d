import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AppConfig } from '../config/app-config';
import { BlobDeletionQueueRepository } from './blob-deletion-queue.repository';
import { BlobDeletionsRepository } from './blob-deletions.repository';
import { BlobStore } from './blob-store';
import { FsBlobStore } from './fs-blob-store';
import { MissingBlobs } from './missing-blobs.service';
import { OwnedBlobs } from './owned-blobs.service';
import { S3BlobStore } from './s3-blob-store';

/** The store BLOB_STORE names; the file store is the embedded default. */
function blobStoreFor(config: AppConfig): BlobStore {
  if (config.blobStore === 's3' && config.s3) return new S3BlobStore(config.s3, join(config.blobDir, 'tmp'));
  return new FsBlobStore(config.blobDir);
}

@Module({
  imports: [AuditModule],
  providers: [
    { provide: BlobStore, inject: [AppConfig], useFactory: blobStoreFor },
    BlobDeletionsRepository,
    BlobDeletionQueueRepository,
    OwnedBlobs,
    MissingBlobs,
  ],
  exports: [BlobStore, OwnedBlobs, MissingBlobs, BlobDeletionsRepository, BlobDeletionQueueRepository],
})
export class BlobsModule {}
