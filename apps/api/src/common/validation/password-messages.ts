import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@hushdesk/contracts';

/** Every password error as a sentence a person understands; the API names the field beside it. */
export const PASSWORD_MESSAGES = {
  required: 'Enter a password.',
  notText: 'The password must be text.',
  tooShort: `This password is too short; use at least ${PASSWORD_MIN_LENGTH} characters.`,
  tooLong: `This password is too long; use at most ${PASSWORD_MAX_LENGTH} characters.`,
  common: 'This password is one of the most commonly leaked passwords; choose another.',
  sameAsEmail: {
    self: 'This password is your email address; choose one nobody could guess from it.',
    admin: 'This password is the person’s email address; choose one nobody could guess from it.',
  },
  personal: {
    self: 'This password contains your name or part of your email address; choose one that does not.',
    admin:
      'This password contains the person’s name or part of their email address; choose one that does not.',
  },
  notCurrent: 'This is not your current password.',
  unchanged: 'The new password must be different from your current one.',
} as const;
