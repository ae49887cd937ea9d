import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/access.decorator';
import { ApiError, ApiErrors } from '../common/http/api-errors';
import { PageQueryDto } from '../common/pagination/keyset';
import { UuidParam } from '../common/validation/uuid-param';
import {
  CreateOrganisationDto,
  OrganisationDto,
  OrganisationPageDto,
  UpdateOrganisationDto,
} from './dto/organisation.dto';
import { OrganisationsService } from './organisations.service';

@ApiTags('organisations')
@ApiErrors(400, 429)
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Post()
  @HttpCode(201)
  @Roles('admin')
  @ApiCreatedResponse({ type: OrganisationDto })
  @ApiError(409, 'An organisation with this name already exists')
  @ApiErrors(413, 415)
  create(@Body() body: CreateOrganisationDto): Promise<OrganisationDto> {
    return this.organisations.create(body.name);
  }

  @Get()
  @Roles('admin')
  @ApiOkResponse({ type: OrganisationPageDto })
  list(@Query() query: PageQueryDto): Promise<OrganisationPageDto> {
    return this.organisations.list(query);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOkResponse({ type: OrganisationDto })
  @ApiError(409, 'An organisation with this name already exists')
  @ApiErrors(404, 413, 414, 415)
  update(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: UpdateOrganisationDto,
  ): Promise<OrganisationDto> {
    return this.organisations.update(actor, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('admin')
  @ApiNoContentResponse({ description: 'The organisation is gone' })
  @ApiError(409, 'The organisation still has user accounts or tickets')
  @ApiErrors(404, 414)
  async delete(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<void> {
    await this.organisations.delete(actor, id);
  }
}
