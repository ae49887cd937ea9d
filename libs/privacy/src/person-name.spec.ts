import { applyPatch, DEFAULT_FIELD_POLICIES } from './field-policy';
import { shownName } from './person-name';

const base = DEFAULT_FIELD_POLICIES['person.fullName'];
const withRow = (row: 'clear' | 'masked' | 'hidden', masking = base.masking) =>
  applyPatch(base, { visibility: { ...base.visibility, engineer: row }, masking });

describe('shownName', () => {
  it('clear: the name as it is (the default for every role)', () => {
    for (const role of ['customer', 'engineer', 'dpo', 'admin'] as const)
      expect(shownName('Marisol Underwood', base, role, false)).toBe('Marisol Underwood');
  });

  it('masked: the policy’s masking style', () => {
    expect(shownName('Marisol Underwood', withRow('masked'), 'engineer', false)).toBe('M. U.');
    expect(shownName('Marisol Underwood', withRow('masked', 'full'), 'engineer', false)).toBe('•••••');
    // "none" is no mask at all, so a masked row still masks in full.
    expect(shownName('Marisol Underwood', withRow('masked', 'none'), 'engineer', false)).toBe('•••••');
    // A style meant for other data never lets the name through.
    expect(shownName('Marisol Underwood', withRow('masked', 'phone'), 'engineer', false)).toBe('•••••');
    expect(shownName('Marisol Underwood', withRow('masked', 'email'), 'engineer', false)).toBe('•••••');
  });

  it('hidden: null, like a person with no name', () => {
    expect(shownName('Marisol Underwood', withRow('hidden'), 'engineer', false)).toBeNull();
    expect(shownName(null, withRow('clear'), 'engineer', false)).toBeNull();
  });

  it('a person always sees their own name; other roles keep their own rows', () => {
    expect(shownName('Sam Patel', withRow('hidden'), 'engineer', true)).toBe('Sam Patel');
    expect(shownName('Sam Patel', withRow('hidden'), 'dpo', false)).toBe('Sam Patel');
  });
});
