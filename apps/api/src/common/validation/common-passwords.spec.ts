import { isCommonPassword } from './common-passwords';

describe('isCommonPassword', () => {
  it('finds long passwords from the leaked-password list, in any case', () => {
    for (const p of ['qwerty123456', 'QWERTY123456', '1qaz2wsx3edc', 'q1w2e3r4t5y6']) {
      expect(isCommonPassword(p)).toBe(true);
    }
  });

  it('lets an uncommon passphrase through', () => {
    expect(isCommonPassword('correct horse battery staple')).toBe(false);
    expect(isCommonPassword('Tangerine-Lighthouse-42')).toBe(false);
  });
});
