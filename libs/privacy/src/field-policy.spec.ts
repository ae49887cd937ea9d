import type { Role } from '@hushdesk/contracts';
import {
  applyPatch,
  collectionChoices,
  collectionNote,
  DEFAULT_FIELD_POLICIES,
  isPersonalField,
  PERSONAL_FIELDS,
  project,
  retentionDescription,
  validatePolicyPatch,
  visibilityFor,
  type FieldPolicy,
} from './field-policy';

const errorsOf = (field: string, patch: unknown, current?: FieldPolicy) => {
  const r = validatePolicyPatch(field, patch, current);
  return r.ok ? null : r.errors;
};

describe('DEFAULT_FIELD_POLICIES', () => {
  it('has a policy for every personal field, keyed by its own name', () => {
    expect(Object.keys(DEFAULT_FIELD_POLICIES).sort()).toEqual([...PERSONAL_FIELDS].sort());
    for (const f of PERSONAL_FIELDS) expect(DEFAULT_FIELD_POLICIES[f].field).toBe(f);
  });

  it('follows the product brief', () => {
    const d = DEFAULT_FIELD_POLICIES;
    expect(d['person.email']).toMatchObject({
      collection: 'required',
      lawfulBasis: 'contract',
      masking: 'email',
    });
    expect(d['person.fullName']).toMatchObject({
      collection: 'required',
      lawfulBasis: 'contract',
      masking: 'name',
    });
    expect(d['person.email'].purposes).toEqual(['identify you and reply to your requests']);
    expect(d['person.phone']).toMatchObject({
      collection: 'optional',
      purposeHint: 'to call you back about a fault',
      retention: { days: 90, from: 'last_ticket_closed' },
      masking: 'phone',
    });
    expect(d['person.jobTitle'].collection).toBe('off');
    expect(d['person.imHandle'].collection).toBe('off');
    expect(d['person.workAddress']).toMatchObject({
      collection: 'optional',
      purposeHint: 'for on-site visits',
    });
    expect(d['person.employer'].collection).toBe('optional');
    expect(d['ticket.contactPhone']).toMatchObject({
      collection: 'optional',
      retention: { days: 90, from: 'ticket_closed' },
    });
    expect(d['recording.callerNumber']).toMatchObject({
      collection: 'required',
      purposes: ['match calls to tickets and people'],
      retention: { days: 60, from: 'call' },
    });
    expect(d['attachment.fileName']).toMatchObject({ collection: 'required', retention: null });
    expect(d['person.email'].visibility).toEqual({
      customer: 'hidden',
      engineer: 'masked',
      dpo: 'clear',
      admin: 'clear',
    });
    expect(d['person.phone'].visibility.engineer).toBe('masked');
    expect(d['person.fullName'].visibility).toEqual({
      customer: 'clear',
      engineer: 'clear',
      dpo: 'clear',
      admin: 'clear',
    });
  });

  it('gives every collected field a purpose, and every optional one a hint', () => {
    for (const p of Object.values(DEFAULT_FIELD_POLICIES)) {
      if (p.collection !== 'off') expect(p.purposes.length).toBeGreaterThan(0);
      if (p.collection === 'optional') expect(p.purposeHint).toBeTruthy();
      if (p.field !== 'person.fullName') expect(p.visibility.customer).toBe('hidden');
      expect(p.visibility.dpo).toBe('clear');
      expect(p.visibility.admin).toBe('clear');
    }
  });

  it('is frozen', () => {
    expect(() => {
      (DEFAULT_FIELD_POLICIES['person.phone'].purposes as string[]).push('x');
    }).toThrow();
  });
});

describe('isPersonalField', () => {
  it('knows the fields', () => {
    expect(isPersonalField('person.phone')).toBe(true);
    expect(isPersonalField('person.shoeSize')).toBe(false);
    expect(isPersonalField('')).toBe(false);
  });
});

describe('validatePolicyPatch', () => {
  it('accepts a good patch, trimming strings', () => {
    expect(
      validatePolicyPatch('person.phone', {
        purposes: [' call you back ', 'send outage texts'],
        lawfulBasis: 'consent',
        collection: 'optional',
        retention: { days: 30, from: 'collected' },
        visibility: { customer: 'hidden', engineer: 'clear', dpo: 'clear', admin: 'masked' },
        masking: 'full',
        purposeHint: '  so we can ring you ',
      }),
    ).toEqual({
      ok: true,
      patch: {
        purposes: ['call you back', 'send outage texts'],
        lawfulBasis: 'consent',
        collection: 'optional',
        retention: { days: 30, from: 'collected' },
        visibility: { customer: 'hidden', engineer: 'clear', dpo: 'clear', admin: 'masked' },
        masking: 'full',
        purposeHint: 'so we can ring you',
      },
    });
    expect(validatePolicyPatch('person.phone', { retention: null, purposeHint: null })).toEqual({
      ok: true,
      patch: { retention: null, purposeHint: null },
    });
    expect(validatePolicyPatch('person.jobTitle', { purposes: [], collection: 'off' }).ok).toBe(true);
  });

  it('rejects an unknown field and a non-object body', () => {
    expect(errorsOf('person.shoeSize', {})).toEqual({ field: [expect.stringContaining('unknown field')] });
    expect(errorsOf('person.phone', null)).toEqual({ patch: ['must be an object'] });
    expect(errorsOf('person.phone', [])).toEqual({ patch: ['must be an object'] });
  });

  it('keys errors by property', () => {
    const errors = errorsOf('person.phone', {
      colour: 'red',
      label: 'Mobile',
      lawfulBasis: 'because',
      collection: 'sometimes',
      masking: 'blur',
      purposes: 'call you',
      purposeHint: 42,
      retention: { days: 0, from: 'forever', extra: 1 },
      visibility: { customer: 'clear', engineer: 'peek', dpo: 'clear', guest: 'clear' },
    });
    expect(Object.keys(errors ?? {}).sort()).toEqual(
      [
        'colour',
        'label',
        'lawfulBasis',
        'collection',
        'masking',
        'purposes',
        'purposeHint',
        'retention.days',
        'retention.from',
        'retention.extra',
        'visibility.engineer',
        'visibility.admin',
        'visibility.guest',
      ].sort(),
    );
    expect(errors?.colour).toEqual(['unknown property']);
    expect(errors?.label).toEqual(['cannot be changed']);
    expect(errors?.['visibility.admin']).toEqual(['is required']);
  });

  it.each([
    [{ days: 0, from: 'call' }, 'must be at least 1'],
    [{ days: -5, from: 'call' }, 'must be at least 1'],
    [{ days: 36501, from: 'call' }, 'must be at most 36500'],
    [{ days: 1.5, from: 'call' }, 'must be a whole number of days'],
    [{ days: '90', from: 'call' }, 'must be a whole number of days'],
  ])('rejects retention %j', (retention, message) => {
    expect(errorsOf('person.phone', { retention })).toEqual({ 'retention.days': [message] });
  });

  it('accepts the retention bounds', () => {
    expect(validatePolicyPatch('person.phone', { retention: { days: 1, from: 'call' } }).ok).toBe(true);
    expect(
      validatePolicyPatch('person.phone', { retention: { days: 36500, from: 'account_closed' } }).ok,
    ).toBe(true);
    expect(errorsOf('person.phone', { retention: 90 })).toEqual({
      retention: ['must be null or { days, from }'],
    });
  });

  it('only lets full name and email be required', () => {
    expect(validatePolicyPatch('person.email', { collection: 'required' }).ok).toBe(true);
    expect(validatePolicyPatch('person.fullName', { collection: 'required' }).ok).toBe(true);
    expect(errorsOf('person.phone', { collection: 'required' })).toEqual({
      collection: [expect.stringContaining('cannot be required')],
    });
    expect(errorsOf('person.jobTitle', { collection: 'required' })?.collection).toHaveLength(1);
    expect(validatePolicyPatch('person.phone', { collection: 'off' }).ok).toBe(true);
  });

  it('offers only the collection choices a field can honour, and says why in words', () => {
    expect(collectionChoices('person.phone')).toEqual(['optional', 'off']);
    expect(collectionChoices('person.fullName')).toEqual(['required', 'optional']);
    expect(collectionChoices('person.email')).toEqual(['required']);
    expect(collectionChoices('recording.callerNumber')).toEqual(['required']);
    expect(collectionChoices('attachment.fileName')).toEqual(['required']);
    expect(errorsOf('person.phone', { collection: 'required' })).toEqual({
      collection: [
        'Phone number cannot be required: people may choose not to give it. Choose Optional or Not collected.',
      ],
    });
    expect(errorsOf('attachment.fileName', { collection: 'off' })?.collection).toEqual([
      'Attachment file name is always collected: a file arrives with its name. Limit who sees it and how long it is kept instead.',
    ]);
    expect(errorsOf('person.fullName', { collection: 'off' })?.collection?.[0]).toMatch(
      /^Full name cannot be switched off/,
    );
    expect(collectionNote('person.workAddress')).toMatch(/^Work address cannot be required/);
    for (const field of PERSONAL_FIELDS) {
      for (const collection of collectionChoices(field)) {
        const patch = collection === 'off' ? { collection } : { collection, purposes: ['a purpose'] };
        expect(validatePolicyPatch(field, patch).ok).toBe(true);
      }
    }
  });

  it('rejects an optional field with no purposes', () => {
    expect(errorsOf('person.phone', { collection: 'optional', purposes: [] })).toEqual({
      purposes: ['an optional field needs at least one purpose'],
    });
    expect(errorsOf('person.phone', { purposes: [] })?.purposes).toHaveLength(1);
    expect(errorsOf('person.phone', { purposes: ['', 'x', 'x'] })?.purposes).toEqual([
      'item 1 must be a non-empty string',
      'item 3 is a duplicate',
    ]);
    // with the current policy, the result as a whole is checked
    const jobTitle = DEFAULT_FIELD_POLICIES['person.jobTitle'];
    expect(errorsOf('person.jobTitle', { collection: 'optional' }, jobTitle)).toEqual({
      purposes: ['an optional field needs at least one purpose'],
    });
    expect(
      validatePolicyPatch('person.jobTitle', { collection: 'optional', purposes: ['x'] }, jobTitle).ok,
    ).toBe(true);
    expect(validatePolicyPatch('person.phone', { collection: 'off', purposes: [] }).ok).toBe(true);
  });
});

describe('applyPatch', () => {
  it('returns a new policy and leaves the old one alone', () => {
    const before = DEFAULT_FIELD_POLICIES['person.phone'];
    const after = applyPatch(before, {
      retention: { days: 30, from: 'collected' },
      visibility: { customer: 'hidden', engineer: 'clear', dpo: 'clear', admin: 'clear' },
      purposeHint: null,
    });
    expect(after).toMatchObject({
      field: 'person.phone',
      retention: { days: 30, from: 'collected' },
      purposeHint: null,
      masking: 'phone',
    });
    expect(after.visibility.engineer).toBe('clear');
    expect(before.visibility.engineer).toBe('masked');
    expect(before.retention).toEqual({ days: 90, from: 'last_ticket_closed' });
    expect(applyPatch(before, { retention: null }).retention).toBeNull();
    expect(applyPatch(before, {})).toEqual(before);
  });
});

describe('visibilityFor and project', () => {
  const email = DEFAULT_FIELD_POLICIES['person.email'];
  const phone = DEFAULT_FIELD_POLICIES['person.phone'];
  const name = DEFAULT_FIELD_POLICIES['person.fullName'];
  const roles: Role[] = ['customer', 'engineer', 'dpo', 'admin'];

  it('shows the data subject their own data in clear', () => {
    for (const role of roles) {
      expect(visibilityFor(email, role, true)).toBe('clear');
      expect(project('alexander@example.com', email, role, true)).toBe('alexander@example.com');
      expect(project('07700 900123', phone, role, true)).toBe('07700 900123');
    }
  });

  it.each([
    ['customer', undefined, undefined, 'Alex Morgan'],
    ['engineer', 'a••••••••@example.com', '••••• ••• 123', 'Alex Morgan'],
    ['dpo', 'alexander@example.com', '07700 900123', 'Alex Morgan'],
    ['admin', 'alexander@example.com', '07700 900123', 'Alex Morgan'],
  ] as const)('%s sees someone else as email %j, phone %j, name %j', (role, e, p, n) => {
    expect(project('alexander@example.com', email, role, false)).toBe(e);
    expect(project('07700 900123', phone, role, false)).toBe(p);
    expect(project('Alex Morgan', name, role, false)).toBe(n);
  });

  it('masks by the policy style, never shows clear when masked, and keeps null', () => {
    const nameMasked = applyPatch(name, { visibility: { ...name.visibility, engineer: 'masked' } });
    expect(project('Alex Morgan', nameMasked, 'engineer', false)).toBe('A. M.');
    const noMask = applyPatch(phone, { masking: 'none' });
    expect(project('07700 900123', noMask, 'engineer', false)).toBe('•••••');
    expect(project(null, phone, 'engineer', false)).toBeNull();
    expect(project(null, phone, 'customer', false)).toBeUndefined();
  });
});

describe('retentionDescription', () => {
  it.each([
    [{ days: 90, from: 'last_ticket_closed' as const }, "90 days after the person's last ticket closes"],
    [{ days: 90, from: 'ticket_closed' as const }, '90 days after the ticket closes'],
    [{ days: 60, from: 'call' as const }, '60 days after the call'],
    [{ days: 1, from: 'collected' as const }, '1 day after it is collected'],
    [{ days: 365, from: 'account_closed' as const }, '365 days after the account closes'],
    [null, 'Kept as long as the record it belongs to'],
  ])('%j → %s', (r, text) => {
    expect(retentionDescription(r)).toBe(text);
  });
});
