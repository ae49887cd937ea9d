import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../common/auth/access.decorator';
import type { Actor } from '../common/auth/actor';
import { ApiError, ApiErrors } from '../common/http/api-errors';
import { RemoveTagDto, RenameTagDto, TagChangeResultDto, TagListDto } from './dto/ticket-tags.dto';
import { TicketTagsService } from './ticket-tags.service';

@ApiTags('tickets')
@ApiErrors(429)
@Controller('tags')
export class TicketTagsController {
  constructor(private readonly tags: TicketTagsService) {}

  @Get()
  @Roles('engineer', 'admin')
  @ApiOkResponse({ type: TagListDto, description: 'Every tag in use, with how many tickets carry it' })
  list(): Promise<TagListDto> {
    return this.tags.list();
  }

  @Post('rename')
  @HttpCode(200)
  @Roles('admin')
  @ApiOkResponse({ type: TagChangeResultDto, description: 'The tag renamed on every ticket carrying it' })
  @ApiErrors(400, 413, 415)
  @ApiError(409, 'The tag is on more tickets than one change may touch')
  rename(@CurrentActor() actor: Actor, @Body() body: RenameTagDto): Promise<TagChangeResultDto> {
    return this.tags.rename(actor, body.from, body.to);
  }

  @Post('remove')
  @HttpCode(200)
  @Roles('admin')
  @ApiOkResponse({ type: TagChangeResultDto, description: 'The tag taken off every ticket carrying it' })
  @ApiErrors(400, 413, 415)
  @ApiError(409, 'The tag is on more tickets than one change may touch')
  remove(@CurrentActor() actor: Actor, @Body() body: RemoveTagDto): Promise<TagChangeResultDto> {
    return this.tags.remove(actor, body.tag);
  }
}
