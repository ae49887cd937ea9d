import { Injectable } from '@nestjs/common';
import type { SignInEmailChangeDto } from '../../people/dto/person.dto';
import { SqlRepository } from '../../database/sql-repository';
import type { Tx } from '../../database/tx';

/**
 * The rectification request a person's own sign-in email change becomes (people's
 * SignInEmailChanges): verified at once, since it came from a signed-in session.
 */
@Injectable()
export class SignInEmailChangeRequestsRepository extends SqlRepository {
  async insert(
    tx: Tx,
    input: {
      personId: string;
      userId: string;
      details: string;
      requestedChanges: string;
      receivedAt: Date;
      dueAt: Date;
    },
  ): Promise<{ id: string; reference: string; status: SignInEmailChangeDto['status'] }> {
    const [row] = await this.query<{
      id: string;
      reference: string;
      status: SignInEmailChangeDto['status'];
    }>(
      `INSERT INTO dsar_requests (kind, status, channel, subject_person_id, subject, requester_relation,
         requester_user_id, created_by_id, details, requested_changes, received_at, due_at, verification_method,
         verified_at)
       VALUES ('rectification', 'verified', 'portal', $1, $2, 'subject', $3, $3, $4, $5, $6, $7, 'signed_in', $6)
       RETURNING id, reference, status`,
      [
        input.personId,
        JSON.stringify({ personId: input.personId }),
        input.userId,
        input.details,
        input.requestedChanges,
        input.receivedAt,
        input.dueAt,
      ],
      tx,
    );
    return row;
  }
}
