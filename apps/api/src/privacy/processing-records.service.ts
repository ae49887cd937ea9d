import { Injectable } from '@nestjs/common';
import { retentionDescription } from '@hushdesk/privacy';
import { RetentionPeriodsRepository } from '../retention/retention-periods.repository';
import { ControllerIdentityService } from '../settings/controller-identity.service';
import type { NoticeFieldDto } from './dto/field-policy.dto';
import type { RopaDto } from './dto/privacy-responses.dto';
import { FieldPoliciesService } from './field-policies.service';
import { buildRopa, emailRecords } from './ropa';

/**
 * The record of processing and the privacy notice, from the live field registry and the retention
 * periods in force: a changed period shows in both at once.
 */
@Injectable()
export class ProcessingRecords {
  constructor(
    private readonly policies: FieldPoliciesService,
    private readonly periods: RetentionPeriodsRepository,
    private readonly controllerIdentity: ControllerIdentityService,
  ) {}

  async ropa(): Promise<RopaDto> {
    return buildRopa(
      await this.policies.all(),
      await this.controllerIdentity.identity(),
      await this.periods.all(),
    );
  }

  /** Every collected field, then what the email channel keeps. */
  async notice(): Promise<NoticeFieldDto[]> {
    const fields: NoticeFieldDto[] = Object.values(await this.policies.all())
      .filter((p) => p.collection !== 'off')
      .map((p) => ({
        field: p.field,
        label: p.label,
        category: p.category,
        collection: p.collection,
        purposes: p.purposes,
        lawfulBasis: p.lawfulBasis,
        retention: retentionDescription(p.retention),
      }));
    return [...fields, ...emailRecords(await this.periods.all())];
  }
}
