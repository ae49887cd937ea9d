import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { BlobDeletionQueueRepository } from './blob-deletion-queue.repository';
import { BlobDeletionsRepository } from './blob-deletions.repository';
import { BlobStore } from './blob-store';
import { FsBlobStore } from './fs-blob-store';
import { OwnedBlobs } from './owned-blobs.service';

@Module({
  providers: [
    { provide: BlobStore, inject: [AppConfig], useFactory: (c: AppConfig) => new FsBlobStore(c.blobDir) },
    BlobDeletionsRepository,
    BlobDeletionQueueRepository,
    OwnedBlobs,
  ],
  exports: [BlobStore, OwnedBlobs, BlobDeletionsRepository, BlobDeletionQueueRepository],
})
export class BlobsModule {}
