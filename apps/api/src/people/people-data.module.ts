import { Module } from '@nestjs/common';
import { PeopleRepository } from './people.repository';
import { PersonDsarRepository } from './person-dsar.repository';
import { PersonPrivacyRepository } from './person-privacy.repository';

const REPOSITORIES = [PeopleRepository, PersonPrivacyRepository, PersonDsarRepository];

/**
 * The people table's repositories alone. Audit, privacy and users need person rows while the
 * people feature needs them (and auth), so the table is its own module to keep the graph acyclic.
 */
@Module({ providers: REPOSITORIES, exports: REPOSITORIES })
export class PeopleDataModule {}
