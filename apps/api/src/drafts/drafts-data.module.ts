import { Module } from '@nestjs/common';
import { ReplyDraftPrivacyRepository } from './reply-draft-privacy.repository';
import { ReplyDraftFilesRepository } from './reply-draft-files.repository';
import { ReplyDraftsRepository } from './reply-drafts.repository';

const REPOSITORIES = [ReplyDraftsRepository, ReplyDraftFilesRepository, ReplyDraftPrivacyRepository];

/** The drafts table's repositories alone, for DSAR stages and the retention run. */
@Module({ providers: REPOSITORIES, exports: REPOSITORIES })
export class DraftsDataModule {}
