import { LoginFailureEntity } from '../auth/login-failure.entity';
import { SessionEntity } from '../auth/session.entity';
import { OrganisationEntity } from '../organisations/organisation.entity';
import { PersonEntity } from '../people/person.entity';
import { UserEntity } from '../users/user.entity';

/** Every entity, listed once: the app and the migration CLI both read this. */
export const ENTITIES = [OrganisationEntity, PersonEntity, UserEntity, SessionEntity, LoginFailureEntity];
