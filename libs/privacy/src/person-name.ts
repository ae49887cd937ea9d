import type { Role } from '@hushdesk/contracts';
import { project, type FieldPolicy } from './field-policy';

/**
 * What a viewer may see of a person's full name under the `person.fullName` policy: the name
 * (clear), its mask in the policy's style (masked: `M. U.` for `name`), or null (hidden). The row
 * is the viewer's role, whoever the name belongs to: a customer reading a staff reply follows the
 * customer row, an engineer reading a requester's name the engineer row. A person always sees
 * their own, and `isSelf` must come from who they are (an id), never from the name itself.
 *
 * Null is also what a person without a name gives, so a hidden name looks like no name: clients
 * show a neutral label (`displayName` in the contracts).
 */
export function shownName(
  name: string | null,
  policy: FieldPolicy,
  role: Role,
  isSelf: boolean,
): string | null {
  return project(name, policy, role, isSelf) ?? null;
}
