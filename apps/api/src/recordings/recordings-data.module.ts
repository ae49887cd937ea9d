import { Module } from '@nestjs/common';
import { RecordingDsarRepository } from './recording-dsar.repository';
import { RecordingRetentionRepository } from './recording-retention.repository';
import { RecordingsRepository } from './recordings.repository';

const REPOSITORIES = [RecordingsRepository, RecordingRetentionRepository, RecordingDsarRepository];

/**
 * The recordings tables' repositories alone: the privacy core and retention read recordings while
 * the recordings feature needs both.
 */
@Module({ providers: REPOSITORIES, exports: REPOSITORIES })
export class RecordingsDataModule {}
