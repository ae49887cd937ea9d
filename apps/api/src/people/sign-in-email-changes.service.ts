import { Injectable } from '@nestjs/common';
import { formatDsarReference } from '@hushdesk/contracts';
import type { DsarRequestedChangesDto } from '../dsar/dto/dsar-responses.dto';
import type { SignInEmailChangeDto } from './dto/person.dto';
import { dsarDueAt } from '@hushdesk/privacy';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/auth/actor';
import type { Tx } from '../database/tx';
import { SignInEmailChangeRequestsRepository } from '../dsar/shared/sign-in-email-change-requests.repository';

/**
 * A person asking to change the email they sign in with, after proving their password. There is
 * no mail channel to confirm the new address yet, and applying it at once would tell them whether
 * another account holds it; so it becomes a rectification request for the DPO (verified: it came
 * from a signed-in session), who applies it through the rectification flow and sees any conflict
 * there. The caller's answer is the same whether the address is free or taken.
 */
@Injectable()
export class SignInEmailChanges {
  constructor(
    private readonly audit: AuditService,
    private readonly requests: SignInEmailChangeRequestsRepository,
  ) {}

  async request(tx: Tx, actor: Actor, newEmail: string): Promise<SignInEmailChangeDto> {
    const receivedAt = new Date();
    const dueAt = dsarDueAt({ receivedAt });
    const row = await this.requests.insert(tx, {
      personId: actor.personId,
      userId: actor.userId,
      // The address is held once, as the structured change the DPO's form starts from.
      details: 'Please change the email address I sign in with.',
      requestedChanges: JSON.stringify({ email: newEmail } satisfies DsarRequestedChangesDto),
      receivedAt,
      dueAt,
    });
    await this.audit.record(tx, {
      actor,
      action: 'dsar.create',
      subjectPersonId: actor.personId,
      target: { type: 'dsar', id: row.id },
      details: { kind: 'rectification', channel: 'portal', relation: 'subject', via: 'sign_in_email_change' },
    });
    return {
      id: row.id,
      reference: formatDsarReference(row.reference),
      status: row.status,
      dueAt: dueAt.toISOString(),
    };
  }
}
