import type { TicketMessageDto } from '../messages/dto/message.dto';
import type { PersonRefDto } from '../people/dto/person-ref.dto';
import type { TicketSummaryDto } from '../tickets/dto/ticket.dto';
import { type Role, UNNAMED_PERSON } from '@hushdesk/contracts';
import { shownName, type FieldPolicy } from '@hushdesk/privacy';

/** Who reads the names: their role picks the policy row; their own ids pick out their own name. */
export interface NameViewer {
  role: Role;
  /** The viewer's account, or null for a whole audience (a socket room) with no one in particular. */
  userId: string | null;
  personId?: string | null;
}

/**
 * People's names as one viewer may see them under the `person.fullName` policy (`shownName`).
 * Built once per request or per event from the cached policy, so projecting a page of tickets
 * costs no query; when the viewer's row is clear, every method hands its input back untouched.
 */
export class NameView {
  /** The viewer sees every name in clear: nothing to project. */
  readonly clear: boolean;

  constructor(
    private readonly policy: FieldPolicy,
    readonly viewer: NameViewer,
  ) {
    this.clear = policy.visibility[viewer.role] === 'clear';
  }

  /** The name of the account `userId`, as the viewer may see it (null when hidden). */
  of(name: string | null, userId: string | null): string | null {
    if (this.clear) return name;
    return shownName(name, this.policy, this.viewer.role, userId !== null && userId === this.viewer.userId);
  }

  /** The name on the person record `personId` (a DSAR subject, a candidate). */
  ofPerson(name: string | null, personId: string | null): string | null {
    if (this.clear) return name;
    const isSelf = personId !== null && personId === this.viewer.personId;
    return shownName(name, this.policy, this.viewer.role, isSelf);
  }

  /**
   * A name that is a display string where null already means "no one" (a history entry's
   * assignee): the neutral staff label stands in for a hidden one.
   */
  staffLabel(name: string | null, userId: string | null): string | null {
    if (this.clear || userId === null) return name;
    return this.of(name, userId) ?? UNNAMED_PERSON.staff;
  }

  ref<T extends PersonRefDto>(ref: T): T;
  ref<T extends PersonRefDto>(ref: T | null): T | null;
  ref<T extends PersonRefDto>(ref: T | null): T | null {
    if (!ref || this.clear) return ref;
    return { ...ref, name: this.of(ref.name, ref.id) };
  }

  ticket<T extends TicketSummaryDto>(ticket: T): T {
    if (this.clear) return ticket;
    return { ...ticket, requester: this.ref(ticket.requester), assignee: this.ref(ticket.assignee) };
  }

  message(message: TicketMessageDto): TicketMessageDto {
    if (this.clear) return message;
    return { ...message, author: this.ref(message.author) };
  }
}
