import { allowedActions, extensionAllowed, toSummary, type DsarRow } from './dsar-rows';

function row(over: Partial<DsarRow> = {}): DsarRow {
  return {
    id: '00000000-0000-0000-0000-000000000001',
    reference: '12',
    kind: 'access',
    status: 'received',
    channel: 'email',
    subject_person_id: null,
    subject: { email: 'someone@example.test' },
    subject_hashes: [],
    subject_label: null,
    requester_relation: 'subject',
    requester_name: null,
    requester_user_id: null,
    created_by_id: null,
    details: null,
    requested_changes: null,
    evidence_blob_key: null,
    evidence_file_name: null,
    evidence_size_bytes: null,
    received_at: new Date('2026-11-01T10:00:00Z'),
    due_at: new Date('2026-12-01T23:59:59.999Z'),
    pauses: [],
    extension_months: 0,
    extension_reason: null,
    extended_at: null,
    verification_method: null,
    verification_note: null,
    verified_at: null,
    rejection_reason: null,
    rejected_at: null,
    progress: null,
    counts: null,
    candidates: [],
    collected_at: null,
    collection_ms: null,
    receipt: null,
    outcome: null,
    restriction_lifted_at: null,
    closed_at: null,
    created_at: new Date('2026-11-01T10:00:00Z'),
    person_name: null,
    person_email: null,
    restriction_active: false,
    ...over,
  } as DsarRow;
}

const now = new Date('2026-11-20T12:00:00Z');

describe('DSAR actions by state', () => {
  it('a received request can be verified, paused or rejected, and extended within the first month', () => {
    expect(allowedActions(row(), now)).toEqual(['verify', 'request_information', 'reject', 'extend']);
  });

  it('only a third party’s request takes evidence', () => {
    expect(allowedActions(row({ requester_relation: 'third_party' }), now)).toContain('upload_evidence');
  });

  it('a verified request offers what its kind needs', () => {
    const verified = (kind: DsarRow['kind']) => allowedActions(row({ kind, status: 'verified' }), now);
    expect(verified('access')).toContain('collect');
    expect(verified('erasure')).toEqual(expect.arrayContaining(['collect', 'erase']));
    expect(verified('rectification')).toContain('rectify');
    expect(verified('restriction')).toContain('restrict');
    expect(verified('objection')).toContain('object');
    expect(verified('access')).not.toContain('erase');
  });

  it('nothing can be erased before verification', () => {
    expect(allowedActions(row({ kind: 'erasure' }), now)).not.toContain('erase');
  });

  it('a completed restriction can only be lifted while it is active', () => {
    const done = { kind: 'restriction' as const, status: 'completed' as const, closed_at: now };
    expect(allowedActions(row({ ...done, restriction_active: true }), now)).toEqual(['lift_restriction']);
    expect(allowedActions(row({ ...done, restriction_active: false }), now)).toEqual([]);
  });

  it('an extension is possible once, and only within the first month', () => {
    expect(extensionAllowed(row(), now)).toBe(true);
    expect(extensionAllowed(row(), new Date('2026-12-02T00:00:01Z'))).toBe(false);
    expect(extensionAllowed(row({ extension_months: 1 }), now)).toBe(false);
  });
});

describe('DSAR summary', () => {
  it('is due soon within 7 days, overdue after, and closed once answered', () => {
    expect(toSummary(row(), now).deadlineState).toBe('on_time');
    expect(toSummary(row(), new Date('2026-11-26T12:00:00Z')).deadlineState).toBe('due_soon');
    expect(toSummary(row(), new Date('2026-12-05T00:00:00Z')).deadlineState).toBe('overdue');
    expect(toSummary(row({ status: 'completed', closed_at: now }), now).deadlineState).toBe('closed');
  });

  it('shows who it is about, or "Former customer" after erasure', () => {
    expect(toSummary(row(), now).subjectLabel).toBe('someone@example.test');
    expect(toSummary(row({ subject: {}, subject_label: 'Former customer #12' }), now).subjectLabel).toBe(
      'Former customer #12',
    );
  });
});
