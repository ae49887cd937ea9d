import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { collectionChoices, collectionNote, retentionDescription } from '@hushdesk/privacy';
import { AuditService } from '../audit/audit.service';
import { CurrentActor, Public, Roles } from '../common/auth/access.decorator';
import type { Actor } from '../common/auth/actor';
import { DomainError } from '../common/errors/domain-error';
import { ApiError, ApiErrors } from '../common/http/api-errors';
import {
  CollectedFieldDto,
  FieldPolicyDto,
  FieldPolicyOverviewDto,
  FieldPurgeReportDto,
  FieldRetentionReportDto,
  NoticeFieldDto,
  FieldPolicyPatchDto,
} from './dto/field-policy.dto';
import { MentionsQueryDto, PurgeDto, SuppressionDto } from './dto/privacy.dto';
import { IndexRebuildDto, MentionDto, RopaDto, SuppressionAddedDto } from './dto/privacy-responses.dto';
import { FieldPoliciesService } from './field-policies.service';
import { IdentifierIndex } from './identifier-index.service';
import { FieldRetentionJob } from './field-retention.job';
import { ProcessingRecords } from './processing-records.service';
import { SuppressionList } from './suppression.service';

@ApiTags('privacy')
@ApiErrors(429)
@Controller('privacy')
export class PrivacyController {
  constructor(
    private readonly policies: FieldPoliciesService,
    private readonly index: IdentifierIndex,
    private readonly suppressions: SuppressionList,
    private readonly audit: AuditService,
    private readonly fieldRetention: FieldRetentionJob,
    private readonly records: ProcessingRecords,
  ) {}

  @Get('fields')
  @Roles('dpo', 'admin')
  @ApiOkResponse({
    type: [FieldPolicyOverviewDto],
    description:
      'Every personal-data field with its policy, how many values are stored, the collection values it allows (`collections`) and, when it allows fewer than all, why (`collectionNote`)',
  })
  async fields(): Promise<FieldPolicyOverviewDto[]> {
    const all = await this.policies.all();
    return Promise.all(
      Object.values(all).map(async (p) => ({
        ...p,
        storedValues: await this.policies.storedCount(p.field),
        retentionText: retentionDescription(p.retention),
        collections: collectionChoices(p.field),
        collectionNote: collectionNote(p.field),
      })),
    );
  }

  @Patch('fields/:name')
  @Roles('dpo', 'admin')
  @ApiBody({
    type: FieldPolicyPatchDto,
    description: 'Any of purposes, lawfulBasis, collection, retention, visibility, masking, purposeHint',
  })
  @ApiOkResponse({ type: FieldPolicyDto, description: 'The field policy as it now applies' })
  @ApiError(400, 'Not a personal-data field, or the patch is not valid for it')
  @ApiErrors(413, 414, 415)
  update(
    @CurrentActor() actor: Actor,
    @Param('name') name: string,
    @Body() patch: Record<string, unknown>,
  ): Promise<FieldPolicyDto> {
    return this.policies.update(actor, name, patch);
  }

  @Post('fields/:name/purge')
  @HttpCode(200)
  @Roles('dpo', 'admin')
  @ApiOkResponse({
    type: FieldPurgeReportDto,
    description: 'Deletes the stored values of a switched-off field; dry run by default',
  })
  @ApiError(404, 'Not a personal-data field')
  @ApiError(409, 'The field is still collected: switch it off first')
  @ApiErrors(400, 413, 414, 415)
  purge(
    @CurrentActor() actor: Actor,
    @Param('name') name: string,
    @Body() body: PurgeDto,
  ): Promise<FieldPurgeReportDto> {
    return this.policies.purge(actor, name, body.dryRun ?? true);
  }

  /** What forms should ask for: collected fields, with the purpose to show next to optional ones. */
  @Get('collection')
  @Roles('customer', 'engineer', 'dpo', 'admin')
  @ApiOkResponse({ type: [CollectedFieldDto] })
  async collection(): Promise<CollectedFieldDto[]> {
    return Object.values(await this.policies.all()).map(({ field, label, collection, purposeHint }) => ({
      field,
      label,
      collection,
      purposeHint,
    }));
  }

  /** The privacy notice, generated from the registry: anyone may read it, signed in or not. */
  @Get('notice')
  @Public()
  @ApiOkResponse({
    type: [NoticeFieldDto],
    description:
      'Every collected field, then what the email channel keeps (raw copies, mail sent, Do Not Contact, undeliverable addresses): why, on what basis, how long',
  })
  notice(): Promise<NoticeFieldDto[]> {
    return this.records.notice();
  }

  /** Field-level retention on demand; a dry run reports what would be nulled. */
  @Post('retention/fields')
  @HttpCode(200)
  @Roles('dpo', 'admin')
  @ApiOkResponse({ type: FieldRetentionReportDto })
  @ApiErrors(400, 413, 415)
  runFieldRetention(@Body() body: PurgeDto): Promise<FieldRetentionReportDto> {
    return this.fieldRetention.run(body.dryRun ?? true);
  }

  @Get('ropa')
  @Roles('dpo', 'admin')
  @ApiOkResponse({ type: RopaDto, description: 'The Art. 30 record of processing activities' })
  ropa(): Promise<RopaDto> {
    return this.records.ropa();
  }

  /** Where a person's identifiers are mentioned in free text, in any formatting: an index lookup. */
  @Get('mentions')
  @Roles('dpo')
  @ApiOkResponse({ type: [MentionDto] })
  @ApiError(400, 'None of email, phone and name given, or one is not valid')
  async mentions(@Query() query: MentionsQueryDto): Promise<MentionDto[]> {
    if (!query.email && !query.phone && !query.name) {
      throw DomainError.invalidField('email', 'or phone or name is required');
    }
    return this.index.lookup({
      emails: query.email ? [query.email] : [],
      phones: query.phone ? [query.phone] : [],
      names: query.name ? [query.name] : [],
    });
  }

  @Post('index/rebuild')
  @HttpCode(200)
  @Roles('dpo', 'admin')
  @ApiOkResponse({ type: IndexRebuildDto })
  @ApiErrors(400, 413, 415)
  async rebuild(@CurrentActor() actor: Actor): Promise<IndexRebuildDto> {
    const result = await this.index.rebuild();
    await this.audit.recordNow({ actor, action: 'index.rebuild', details: result });
    return result;
  }

  @Post('suppressions')
  @HttpCode(201)
  @Roles('dpo')
  @ApiCreatedResponse({ type: SuppressionAddedDto })
  @ApiErrors(400, 413, 415)
  async suppress(@CurrentActor() actor: Actor, @Body() body: SuppressionDto): Promise<SuppressionAddedDto> {
    return this.suppressions.suppress(actor, body, body.reason);
  }
}
