import { Body, Controller, Get, HttpCode, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentActor, Roles } from '../common/auth/access.decorator';
import type { Actor } from '../common/auth/actor';
import { ApiError, ApiErrors } from '../common/http/api-errors';
import { UuidParam } from '../common/validation/uuid-param';
import { PersonDto, PersonUpdateAcceptedDto, RevealDto, UpdatePersonDto } from './dto/person.dto';
import { RevealedFieldDto } from './dto/person-ref.dto';
import { PeopleService } from './people.service';

@ApiTags('people')
@ApiErrors(400, 404, 414, 429)
@Controller('people')
export class PeopleController {
  constructor(private readonly people: PeopleService) {}

  @Get(':id')
  @Roles('customer', 'engineer', 'dpo', 'admin')
  @ApiOkResponse({ type: PersonDto, description: 'Contact data per field policy; customers only their own' })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<PersonDto> {
    return this.people.get(actor, id);
  }

  @Patch(':id')
  @Roles('customer', 'engineer', 'dpo', 'admin')
  @ApiOkResponse({ type: PersonDto, description: 'Rectification: by the person, the DPO or an admin' })
  @ApiAcceptedResponse({
    type: PersonUpdateAcceptedDto,
    description:
      'The person changed their own sign-in email: other fields saved, the email sent to the DPO as a rectification request',
  })
  @ApiError(409, 'The email is already in use')
  @ApiErrors(413, 415)
  async update(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: UpdatePersonDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PersonDto | PersonUpdateAcceptedDto> {
    const { person, emailChange } = await this.people.patch(actor, id, body, request);
    if (!emailChange) return person;
    void reply.status(202);
    return { person, emailChange };
  }

  @Post(':id/reveal')
  @HttpCode(200)
  @Roles('engineer', 'dpo', 'admin')
  @ApiOkResponse({
    type: RevealedFieldDto,
    description: 'The clear value of one masked field; the reveal and its reason are audited',
  })
  @ApiErrors(413, 415)
  reveal(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: RevealDto,
  ): Promise<RevealedFieldDto> {
    return this.people.reveal(actor, id, body);
  }
}
