import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/access.decorator';
import { ApiError, ApiErrors } from '../common/http/api-errors';
import { UuidParam } from '../common/validation/uuid-param';
import {
  CreateTicketGroupDto,
  GroupMembersDto,
  TicketGroupDto,
  UpdateTicketGroupDto,
} from './dto/ticket-group.dto';
import { GroupsService } from './groups.service';

@ApiTags('tickets')
@ApiErrors(429)
@Controller('groups')
export class GroupsController {
  constructor(private readonly groups: GroupsService) {}

  @Get()
  @Roles('engineer', 'dpo', 'admin')
  @ApiOkResponse({
    type: [TicketGroupDto],
    description: 'The queues tickets can be routed to; for admins, with their member counts',
  })
  list(@CurrentActor() actor: Actor): Promise<TicketGroupDto[]> {
    return this.groups.list(actor);
  }

  @Post()
  @HttpCode(201)
  @Roles('admin')
  @ApiCreatedResponse({ type: TicketGroupDto })
  @ApiError(409, 'A group with this name already exists (`fields` names `name`)')
  @ApiErrors(400, 413, 415)
  create(@CurrentActor() actor: Actor, @Body() body: CreateTicketGroupDto): Promise<TicketGroupDto> {
    return this.groups.create(actor, body.name);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOkResponse({ type: TicketGroupDto })
  @ApiError(409, 'A group with this name already exists (`fields` names `name`)')
  @ApiErrors(400, 404, 413, 414, 415)
  rename(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: UpdateTicketGroupDto,
  ): Promise<TicketGroupDto> {
    return this.groups.rename(actor, id, body.name);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('admin')
  @ApiNoContentResponse({ description: 'The group is gone; its closed tickets have no group now' })
  @ApiError(409, 'The group still holds open tickets')
  @ApiErrors(400, 404, 414)
  async delete(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<void> {
    await this.groups.delete(actor, id);
  }

  @Get(':id/members')
  @Roles('admin')
  @ApiOkResponse({ type: GroupMembersDto, description: "The members' user ids" })
  @ApiErrors(400, 404, 414)
  members(@UuidParam('id') id: string): Promise<GroupMembersDto> {
    return this.groups.members(id);
  }

  @Put(':id/members')
  @Roles('admin')
  @ApiOkResponse({ type: GroupMembersDto, description: 'The members now' })
  @ApiErrors(400, 404, 413, 414, 415)
  setMembers(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: GroupMembersDto,
  ): Promise<GroupMembersDto> {
    return this.groups.setMembers(actor, id, body.userIds);
  }
}
