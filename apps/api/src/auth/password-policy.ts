import { PASSWORD_MIN_LENGTH } from '@hushdesk/contracts';
import { normaliseEmail, normaliseName } from '@hushdesk/privacy';
import { DomainError } from '../common/errors/domain-error';
import { isCommonPassword } from '../common/validation/common-passwords';
import { PASSWORD_MESSAGES } from '../common/validation/password-messages';

/**
 * Parts of a name or address shorter than this are not checked: "Li" or "Ann" inside a password
 * would refuse far too many good ones, and guessing them adds little to an attacker's list.
 */
export const PERSONAL_TOKEN_MIN_LENGTH = 4;

/** Who the password is for: the words an attacker who knows the account would try first. */
export interface PasswordOwner {
  email: string;
  fullName?: string | null;
}

/** Whose password it is, for the wording: the person setting their own, or an admin for someone. */
export type PasswordSetter = 'self' | 'admin';

/** Letters and digits only, lower-case, accents removed: "Ádám O’Brien" → "adamobrien". */
function compact(text: string): string {
  return normaliseName(text).replace(/[^\p{L}\p{N}]/gu, '');
}

/** The words of a name or an address's local part worth refusing, compacted. */
function personalTokens(owner: PasswordOwner): string[] {
  const local = normaliseEmail(owner.email).split('@')[0] ?? '';
  const parts = [local, ...local.split(/[^\p{L}\p{N}]+/u)];
  if (owner.fullName) parts.push(owner.fullName, ...normaliseName(owner.fullName).split(/[\s'-]+/));
  const tokens = parts.map(compact).filter((t) => t.length >= PERSONAL_TOKEN_MIN_LENGTH);
  return [...new Set(tokens)];
}

/**
 * What is wrong with a new password for this person, as a sentence, or null when it is fine. Equal
 * to the email (in any case, accents or punctuation), or containing the address's local part, the
 * name or a word of either of at least PERSONAL_TOKEN_MIN_LENGTH letters, is refused.
 */
export function personalPasswordProblem(
  password: string,
  owner: PasswordOwner,
  setter: PasswordSetter,
): string | null {
  const given = compact(password);
  if (
    password.trim().toLowerCase() === normaliseEmail(owner.email) ||
    (given !== '' && given === compact(owner.email))
  ) {
    return PASSWORD_MESSAGES.sameAsEmail[setter];
  }
  if (personalTokens(owner).some((token) => given.includes(token))) return PASSWORD_MESSAGES.personal[setter];
  return null;
}

/**
 * The checks every place that sets a password runs (an admin creating an account, a person
 * changing theirs, any later reset), beyond the DTO's length and common-password rules: 400
 * naming `field` when the password is built from the person's own name or address.
 */
export function assertPasswordFor(
  field: string,
  password: string,
  owner: PasswordOwner,
  setter: PasswordSetter,
): void {
  // The DTO checks these too; repeated so a caller that skips the DTO (a reset job, the seed) cannot.
  if (password.length < PASSWORD_MIN_LENGTH)
    throw DomainError.invalidField(field, PASSWORD_MESSAGES.tooShort);
  if (isCommonPassword(password)) throw DomainError.invalidField(field, PASSWORD_MESSAGES.common);
  const problem = personalPasswordProblem(password, owner, setter);
  if (problem) throw DomainError.invalidField(field, problem);
}
