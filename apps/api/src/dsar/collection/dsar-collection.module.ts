import { Module } from '@nestjs/common';
import { BlobsModule } from '../../blobs/blobs.module';
import { JobsModule } from '../../jobs/jobs.module';
import { PrivacyModule } from '../../privacy/privacy.module';
import { RealtimeModule } from '../../realtime/realtime.module';
import { DsarSharedModule } from '../shared/dsar-shared.module';
import { DsarCollector } from './dsar-collection.job';
import { SubjectMentions } from './dsar-mentions.service';
import { DsarSources } from './dsar-sources.service';
import { DsarSubjects } from './dsar-subject.service';

/** Who a request is about, and gathering everything about them (a job), with its sources. */
@Module({
  imports: [DsarSharedModule, PrivacyModule, RealtimeModule, BlobsModule, JobsModule],
  providers: [DsarSubjects, SubjectMentions, DsarSources, DsarCollector],
  exports: [DsarSubjects, SubjectMentions, DsarSources, DsarCollector],
})
export class DsarCollectionModule {}
