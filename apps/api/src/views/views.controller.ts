import { Body, Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../common/auth/access.decorator';
import type { Actor } from '../common/auth/actor';
import { ApiError, ApiErrors } from '../common/http/api-errors';
import { UuidParam } from '../common/validation/uuid-param';
import { CreateViewDto, UpdateViewDto, ViewDto } from './dto/view.dto';
import { ViewsService } from './views.service';

@ApiTags('views')
@ApiErrors(400, 429)
@Controller('views')
export class ViewsController {
  constructor(private readonly views: ViewsService) {}

  @Get()
  @Roles('engineer', 'dpo', 'admin')
  @ApiOkResponse({
    type: [ViewDto],
    description: 'Shared views, then the caller’s own, each with its count of tickets the caller may see',
  })
  list(@CurrentActor() actor: Actor): Promise<ViewDto[]> {
    return this.views.list(actor);
  }

  @Post()
  @HttpCode(201)
  @Roles('engineer', 'dpo', 'admin')
  @ApiCreatedResponse({ type: ViewDto, description: 'The view, with its count' })
  @ApiError(403, 'Sharing a view is for administrators')
  @ApiError(409, 'Too many views already')
  @ApiErrors(413, 415)
  create(@CurrentActor() actor: Actor, @Body() body: CreateViewDto): Promise<ViewDto> {
    return this.views.create(actor, body);
  }

  @Patch(':id')
  @Roles('engineer', 'dpo', 'admin')
  @ApiOkResponse({ type: ViewDto, description: 'The view renamed or refiltered, with its count' })
  @ApiError(403, 'Changing a shared view is for administrators')
  @ApiError(404, 'No such view of the caller’s')
  @ApiErrors(413, 414, 415)
  update(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: UpdateViewDto,
  ): Promise<ViewDto> {
    return this.views.update(actor, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('engineer', 'dpo', 'admin')
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiError(403, 'Deleting a shared view is for administrators')
  @ApiError(404, 'No such view of the caller’s')
  @ApiErrors(414)
  delete(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<void> {
    return this.views.delete(actor, id);
  }
}
