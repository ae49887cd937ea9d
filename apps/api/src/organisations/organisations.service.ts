import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Page } from '@hushdesk/contracts';
import { Repository } from 'typeorm';
import { DomainError } from '../common/errors/domain-error';
import { DEFAULT_PAGE_SIZE, decodeCursor, PageQueryDto, toPage } from '../common/pagination/keyset';
import { OrganisationDto } from './dto/organisation.dto';
import { OrganisationEntity } from './organisation.entity';

@Injectable()
export class OrganisationsService {
  constructor(
    @InjectRepository(OrganisationEntity) private readonly organisations: Repository<OrganisationEntity>,
  ) {}

  async create(name: string): Promise<OrganisationDto> {
    const existing = await this.organisations
      .createQueryBuilder('o')
      .select('o.id')
      .where('lower(o.name) = lower(:name)', { name })
      .getOne();
    if (existing) throw DomainError.conflict('An organisation with this name already exists');
    const saved = await this.organisations.save(this.organisations.create({ name }));
    return OrganisationDto.from(saved);
  }

  /** Newest first, keyset-paginated on (created_at, id). */
  async list(query: PageQueryDto): Promise<Page<OrganisationDto>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor, 2);
    const qb = this.organisations
      .createQueryBuilder('o')
      .select(['o.id', 'o.name', 'o.sharedTicketVisibility', 'o.createdAt'])
      .orderBy('o.createdAt', 'DESC')
      .addOrderBy('o.id', 'DESC')
      .limit(limit + 1);
    if (after)
      qb.where('(o.createdAt, o.id) < (:at::timestamptz, :id::uuid)', { at: after[0], id: after[1] });
    const rows = await qb.getMany();
    return toPage(rows, limit, OrganisationDto.from, (o) => [o.createdAt.toISOString(), o.id]);
  }

  async update(
    id: string,
    input: { name?: string; sharedTicketVisibility?: boolean },
  ): Promise<OrganisationDto> {
    const organisation = await this.organisations.findOne({
      where: { id },
      select: ['id', 'name', 'sharedTicketVisibility', 'createdAt'],
    });
    if (!organisation) throw DomainError.notFound('Organisation');
    if (input.name !== undefined && input.name.toLowerCase() !== organisation.name.toLowerCase()) {
      const clash = await this.organisations
        .createQueryBuilder('o')
        .select('o.id')
        .where('lower(o.name) = lower(:name) AND o.id <> :id', { name: input.name, id })
        .getOne();
      if (clash) throw DomainError.conflict('An organisation with this name already exists');
    }
    // Only what was sent: the validated DTO carries absent fields as undefined properties.
    if (input.name !== undefined) organisation.name = input.name;
    if (input.sharedTicketVisibility !== undefined)
      organisation.sharedTicketVisibility = input.sharedTicketVisibility;
    await this.organisations.save(organisation);
    return OrganisationDto.from(organisation);
  }

  async exists(id: string): Promise<boolean> {
    return this.organisations.exists({ where: { id } });
  }
}
