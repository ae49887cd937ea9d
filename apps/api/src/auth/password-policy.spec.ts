import { PASSWORD_MESSAGES } from '../common/validation/password-messages';
import { assertPasswordFor, personalPasswordProblem } from './password-policy';

const priya = { email: 'priya.shah@acme.example', fullName: 'Priya Shah' };

describe('personalPasswordProblem', () => {
  it.each([
    ['the email itself', 'priya.shah@acme.example'],
    ['the email in capitals with spaces', '  PRIYA.SHAH@ACME.EXAMPLE '],
    ['the email without its punctuation', 'priyashahacmeexample'],
  ])('refuses %s as the email', (_, password) => {
    expect(personalPasswordProblem(password, priya, 'self')).toBe(PASSWORD_MESSAGES.sameAsEmail.self);
  });

  it.each([
    ['the local part', 'my priya.shah secret'],
    ['one word of the local part', 'correct-shah-battery'],
    ['the first name in capitals', 'PRIYA loves long walks'],
    ['the full name run together', 'xx-priyashah-2026'],
    ['the name with accents', 'Prîyá rides a horse at dawn'],
  ])('refuses a password containing %s', (_, password) => {
    expect(personalPasswordProblem(password, priya, 'self')).toBe(PASSWORD_MESSAGES.personal.self);
  });

  it('ignores accents on either side: a name with diacritics is found in a plain password', () => {
    const owner = { email: 'zs@example.test', fullName: 'Zoë Kovács' };
    expect(personalPasswordProblem('kovacs and the long river', owner, 'admin')).toBe(
      PASSWORD_MESSAGES.personal.admin,
    );
  });

  it('does not refuse a password for a short name or a short part of the address', () => {
    const owner = { email: 'li.bo@example.test', fullName: 'Li Bo' };
    expect(personalPasswordProblem('blissful lion bolts', owner, 'self')).toBeNull();
  });

  it('accepts a password with nothing of the person in it', () => {
    expect(personalPasswordProblem('correct horse battery staple', priya, 'self')).toBeNull();
  });

  it('words each refusal as a full sentence for people', () => {
    for (const message of [
      PASSWORD_MESSAGES.common,
      PASSWORD_MESSAGES.tooShort,
      PASSWORD_MESSAGES.personal.self,
      PASSWORD_MESSAGES.sameAsEmail.admin,
      PASSWORD_MESSAGES.notCurrent,
    ]) {
      expect(message).toMatch(/^[A-Z].*\.$/);
    }
  });
});

describe('assertPasswordFor', () => {
  it('names the field in the error', () => {
    expect(() => assertPasswordFor('newPassword', 'Priya-Shah-2026!', priya, 'self')).toThrow(
      expect.objectContaining({ details: { fields: { newPassword: [PASSWORD_MESSAGES.personal.self] } } }),
    );
  });

  it('refuses common and short passwords even when called without the DTO', () => {
    expect(() => assertPasswordFor('password', 'Qwerty123456', priya, 'admin')).toThrow(
      PASSWORD_MESSAGES.common,
    );
    expect(() => assertPasswordFor('password', 'short', priya, 'admin')).toThrow(PASSWORD_MESSAGES.tooShort);
  });
});
