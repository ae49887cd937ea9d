import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { BlobStore } from './blob-store';
import { FsBlobStore } from './fs-blob-store';
import { OwnedBlobs } from './owned-blobs';

@Global()
@Module({
  providers: [
    { provide: BlobStore, inject: [AppConfig], useFactory: (c: AppConfig) => new FsBlobStore(c.blobDir) },
    OwnedBlobs,
  ],
  exports: [BlobStore, OwnedBlobs],
})
export class BlobsModule {}
