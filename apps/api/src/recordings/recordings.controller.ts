import { Body, Controller, Delete, Get, HttpCode, Post, Put, Query, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { BlobStore } from '../blobs/blob-store';
import { copyToScratch } from '../blobs/scratch-file';
import { CurrentActor, Roles } from '../common/auth/access.decorator';
import type { Actor } from '../common/auth/actor';
import { DomainError, DomainErrorCode } from '../common/errors/domain-error';
import { ApiError, ApiErrors } from '../common/http/api-errors';
import { ApiFileResponse } from '../common/http/api-file-response';
import { UuidParam } from '../common/validation/uuid-param';
import { ACCEPTED_AUDIO, AUDIO_LIMIT_BYTES, AUDIO_SNIFF_BYTES } from './audio-type';
import { CallLogImport } from './call-log-import.service';
import { CreateRecordingDto, HoldDto, ListRecordingsQueryDto, RecordingDto } from './dto/recording.dto';
import { SearchRecordingsDto } from './dto/recording-search.dto';
import { ImportReportDto, RecordingPageDto, RecordingSearchPageDto } from './dto/recording-responses.dto';
import { RecordingSearch } from './recording-search.service';
import { RecordingsService } from './recordings.service';

/** `bytes=start-end` (either end open) to an inclusive range within the file, or 'invalid'. */
function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | null | 'invalid' {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return 'invalid';
  let start: number;
  let end: number;
  if (m[1] === '') {
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  return start > end || start >= size ? 'invalid' : { start, end };
}

/** What stored call audio is served as: the type its bytes were recognised as on upload. */
const AUDIO_TYPES = ['audio/wav', 'audio/mpeg', 'audio/ogg', 'audio/flac', 'audio/mp4', 'audio/webm'];

@ApiTags('recordings')
@ApiErrors(400, 429)
@Controller('recordings')
export class RecordingsController {
  constructor(
    private readonly recordings: RecordingsService,
    private readonly importer: CallLogImport,
    private readonly finder: RecordingSearch,
    private readonly blobs: BlobStore,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('engineer', 'admin')
  @ApiCreatedResponse({ type: RecordingDto })
  @ApiError(409, 'This call is already recorded')
  @ApiErrors(413, 415)
  create(@CurrentActor() actor: Actor, @Body() body: CreateRecordingDto): Promise<RecordingDto> {
    return this.recordings.create(actor, body);
  }

  @Get()
  @Roles('engineer', 'dpo', 'admin')
  @ApiOkResponse({ type: RecordingPageDto, description: 'Recordings by person or by ticket, newest first' })
  list(@CurrentActor() actor: Actor, @Query() query: ListRecordingsQueryDto): Promise<RecordingPageDto> {
    return this.recordings.list(actor, query);
  }

  /** The DPO finds calls to hold: the number goes in the body, so it is in no URL or access log. */
  @Post('search')
  @HttpCode(200)
  @Roles('dpo')
  @ApiOkResponse({ type: RecordingSearchPageDto, description: 'Keyset page, newest first; audited' })
  @ApiErrors(413, 415)
  search(@CurrentActor() actor: Actor, @Body() body: SearchRecordingsDto): Promise<RecordingSearchPageDto> {
    return this.finder.search(actor, body);
  }

  /** A phone system's call log as CSV (header row: call_id, caller_number, direction, started_at, duration_seconds, ticket_reference, notes). */
  @Post('import')
  @HttpCode(200)
  @Roles('engineer', 'admin')
  @ApiConsumes('text/csv')
  @ApiOkResponse({ type: ImportReportDto, description: 'Row by row: what was imported, skipped or refused' })
  @ApiError(413, 'The file is larger than the 20 MB limit')
  @ApiErrors(415)
  import(@CurrentActor() actor: Actor, @Req() request: FastifyRequest): Promise<ImportReportDto> {
    if (typeof request.body !== 'string' || !request.body.trim()) {
      throw DomainError.invalidField('file', 'is required as a text/csv body');
    }
    return this.importer.run(actor, request.body);
  }

  @Get(':id')
  @Roles('engineer', 'dpo', 'admin')
  @ApiOkResponse({ type: RecordingDto })
  @ApiErrors(404, 414)
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<RecordingDto> {
    return this.recordings.get(actor, id);
  }

  @Put(':id/audio')
  @Roles('engineer', 'admin')
  @ApiConsumes('audio/wav', 'audio/mpeg', 'audio/ogg', 'audio/webm', 'application/octet-stream')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiOkResponse({ type: RecordingDto, description: `The raw audio as the body: ${ACCEPTED_AUDIO}` })
  @ApiError(413, 'The audio is larger than the 100 MB limit')
  @ApiError(503, 'File storage is unavailable; try again shortly (Retry-After says when)')
  @ApiErrors(404, 414, 415)
  async putAudio(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Req() request: FastifyRequest,
  ): Promise<RecordingDto> {
    const required = () =>
      DomainError.invalidField('audio', `is required as the request body (${ACCEPTED_AUDIO})`);
    // The body is the unread request stream (see create-app.ts), or nothing when none was sent.
    if (!(request.body instanceof Readable)) throw required();
    // Streamed to a scratch file, not read into memory: ten uploads at the limit would hold 1 GB.
    const copy = await copyToScratch(this.blobs, request.body, {
      maxBytes: AUDIO_LIMIT_BYTES,
      headBytes: AUDIO_SNIFF_BYTES,
    });
    if (!copy) {
      const mb = Math.round(AUDIO_LIMIT_BYTES / (1024 * 1024));
      throw new DomainError(DomainErrorCode.TooLarge, `audio is larger than the ${mb} MB limit`);
    }
    try {
      if (copy.size === 0) throw required();
      return await this.recordings.putAudio(actor, id, copy);
    } finally {
      await rm(copy.path, { force: true }); // already moved into the store unless a check refused it
    }
  }

  /** Streams the audio with HTTP Range support, so a browser's player can seek. */
  @Get(':id/audio')
  @Roles('engineer', 'dpo', 'admin')
  @ApiFileResponse(AUDIO_TYPES, 'The whole audio; send `Range: bytes=start-end` to seek')
  @ApiFileResponse(AUDIO_TYPES, 'The requested range (Content-Range says which)', 206)
  @ApiError(404, 'No such recording, or it has no audio, or its audio is missing from storage')
  @ApiError(503, 'File storage is unavailable; try again shortly (Retry-After says when)')
  @ApiErrors(414)
  @ApiResponse({
    status: 416,
    description: 'The range is not within the file (no body; Content-Range gives its size)',
  })
  async getAudio(
    @UuidParam('id') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const audio = await this.recordings.openAudio(id);
    const range = parseRange(request.headers.range, audio.size);
    void reply
      .header('accept-ranges', 'bytes')
      .header('content-type', audio.contentType)
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff');
    if (range === 'invalid') {
      await reply.status(416).header('content-range', `bytes */${audio.size}`).send();
      return;
    }
    // Opened before the length is set: a missing or unreachable file answers with an error body.
    if (range) {
      const body = await audio.open(range);
      await reply
        .status(206)
        .header('content-range', `bytes ${range.start}-${range.end}/${audio.size}`)
        .header('content-length', String(range.end - range.start + 1))
        .send(body);
      return;
    }
    const body = await audio.open();
    await reply.header('content-length', String(audio.size)).send(body);
  }

  @Post(':id/hold')
  @HttpCode(200)
  @Roles('dpo')
  @ApiOkResponse({
    type: RecordingDto,
    description: 'Kept past its retention until the hold is lifted; audited',
  })
  @ApiErrors(404, 413, 414, 415)
  hold(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: HoldDto,
  ): Promise<RecordingDto> {
    return this.recordings.setHold(actor, id, body.reason);
  }

  @Delete(':id/hold')
  @Roles('dpo')
  @ApiOkResponse({ type: RecordingDto })
  @ApiError(409, 'The hold could not be lifted')
  @ApiErrors(404, 414)
  release(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<RecordingDto> {
    return this.recordings.setHold(actor, id, null);
  }
}
