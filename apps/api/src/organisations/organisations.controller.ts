import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/access.decorator';
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
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Post()
  @HttpCode(201)
  @Roles('admin')
  @ApiCreatedResponse({ type: OrganisationDto })
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
  update(@UuidParam('id') id: string, @Body() body: UpdateOrganisationDto): Promise<OrganisationDto> {
    return this.organisations.update(id, body);
  }
}
