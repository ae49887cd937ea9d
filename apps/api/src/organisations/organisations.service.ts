import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error';
import {
  decodeCursor,
  DEFAULT_PAGE_SIZE,
  type Page,
  PageQueryDto,
  toPage,
} from '../common/pagination/keyset';
import { OrganisationDto } from './dto/organisation.dto';
import { OrganisationsRepository } from './organisations.repository';

@Injectable()
export class OrganisationsService {
  constructor(private readonly organisations: OrganisationsRepository) {}

  async create(name: string): Promise<OrganisationDto> {
    if (await this.organisations.nameTaken(name))
      throw DomainError.conflict('An organisation with this name already exists');
    return OrganisationDto.from(await this.organisations.create(name));
  }

  /** Newest first, keyset-paginated on (created_at, id). */
  async list(query: PageQueryDto): Promise<Page<OrganisationDto>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.organisations.list(decodeCursor(query.cursor, 2), limit);
    return toPage(rows, limit, OrganisationDto.from, (o) => [o.createdAt.toISOString(), o.id]);
  }

  async update(
    id: string,
    input: { name?: string; sharedTicketVisibility?: boolean },
  ): Promise<OrganisationDto> {
    const organisation = await this.organisations.findById(id);
    if (!organisation) throw DomainError.notFound('Organisation');
    if (
      input.name !== undefined &&
      input.name.toLowerCase() !== organisation.name.toLowerCase() &&
      (await this.organisations.nameTaken(input.name, id))
    ) {
      throw DomainError.conflict('An organisation with this name already exists');
    }
    // Only what was sent: the validated DTO carries absent fields as undefined properties.
    if (input.name !== undefined) organisation.name = input.name;
    if (input.sharedTicketVisibility !== undefined)
      organisation.sharedTicketVisibility = input.sharedTicketVisibility;
    await this.organisations.save(organisation);
    return OrganisationDto.from(organisation);
  }

  exists(id: string): Promise<boolean> {
    return this.organisations.exists(id);
  }
}
