import { FULL_MASK, mask } from './masking';

describe('mask', () => {
  it('phone: last three digits in the shape of a UK number', () => {
    expect(mask('07700 900123', 'phone')).toBe('••••• ••• 123');
    expect(mask('07700900123', 'phone')).toBe('••••• ••• 123');
    expect(mask('+447700900123', 'phone')).toBe('••••• ••• 123');
    expect(mask('+44 (0)20 7946 0958', 'phone')).toBe('••••• ••• 958');
    expect(mask('0113 496 0123 ext. 204', 'phone')).toBe('••••• ••• 123');
  });

  it('phone: other lengths keep the grouped tail', () => {
    expect(mask('(415) 555-0132', 'phone')).toBe('•••• ••• 132');
    expect(mask('+1 415-555-0132', 'phone')).toBe('••••• ••• 132');
    expect(mask('+33 1 23 45 67 89', 'phone')).toBe('••••• ••• 789');
    expect(mask('467 3395', 'phone')).toBe('• ••• 395');
    expect(mask('+861012345678901', 'phone')).toBe('••• ••• ••• ••• 901');
    expect(mask('12345', 'phone')).toBe(FULL_MASK);
  });

  it('email: first character, a bullet per other character (at least 3), the domain', () => {
    expect(mask('alexander@example.com', 'email')).toBe('a••••••••@example.com');
    expect(mask('al@example.com', 'email')).toBe('a•••@example.com');
    expect(mask('a@example.com', 'email')).toBe('a•••@example.com');
    expect(mask('not-an-email', 'email')).toBe(FULL_MASK);
    expect(mask('@example.com', 'email')).toBe(FULL_MASK);
  });

  it('name: initials', () => {
    expect(mask('Alex Morgan', 'name')).toBe('A. M.');
    expect(mask('  ádám   kovács ', 'name')).toBe('Á. K.');
    expect(mask('Faina D. Yefremova', 'name')).toBe('F. D. Y.');
    expect(mask('Cher', 'name')).toBe('C.');
  });

  it('full, none, null and empty', () => {
    expect(mask('anything at all', 'full')).toBe('•••••');
    expect(mask('07700 900123', 'none')).toBe('07700 900123');
    for (const style of ['email', 'phone', 'name', 'full', 'none'] as const) {
      expect(mask(null, style)).toBeNull();
      expect(mask('', style)).toBe('');
    }
  });
});
