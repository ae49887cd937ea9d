import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { BlobDeletionsRepository } from './blob-deletions.repository';
import { BlobStore } from './blob-store';
import { FsBlobStore } from './fs-blob-store';
import { OwnedBlobs } from './owned-blobs';

@Global()
@Module({
  providers: [
    { provide: BlobStore, inject: [AppConfig], useFactory: (c: AppConfig) => new FsBlobStore(c.blobDir) },
    BlobDeletionsRepository,
    OwnedBlobs,
  ],
  exports: [BlobStore, OwnedBlobs, BlobDeletionsRepository],
})
export class BlobsModule {}
