import type { DsarDetail } from '@hushdesk/api-client';
import { DsarSubjects } from '../../apps/api/src/dsar/collection/dsar-subject.service';
import type { CreateDsarDto } from '../../apps/api/src/dsar/dto/dsar.dto';
import { DsarService } from '../../apps/api/src/dsar/intake/dsar.service';
import { organisation, signedIn, type SignedIn } from '../support/accounts';
import { startServiceContext, type ServiceContext } from '../support/service-context';

/**
 * Who a request is about, decided by DsarSubjects at intake and at collection: a strong identifier
 * binds a customer in whatever format it was typed; a staff member's name never binds their
 * account by itself; the DPO's "nobody on record" leaves the request unbound.
 */
let s: ServiceContext;
let dsar: DsarService;
let subjects: DsarSubjects;
let dpo: SignedIn;
let dana: SignedIn;
let bella: SignedIn;

beforeAll(async () => {
  s = await startServiceContext();
  dsar = s.ctx.get(DsarService);
  subjects = s.ctx.get(DsarSubjects);
  const acme = await organisation(s, 'Acme Telecom');
  const globex = await organisation(s, 'Globex Networks');
  dpo = await signedIn(s, 'dpo', 'Priya Shah');
  dana = await signedIn(s, 'customer', 'Dana Whitfield', {
    email: 'dana.whitfield@acme-telecom.test',
    organisationId: acme,
    phone: '07700 900123',
  });
  // Another customer with a number one digit away: a phone match must tell them apart.
  bella = await signedIn(s, 'customer', 'Bella Brook', {
    email: 'bella.brook@globex.test',
    organisationId: globex,
    phone: '07700 900124',
  });
});
afterAll(() => s.close());

/** A request the DPO records, as intake leaves it. */
async function recorded(body: CreateDsarDto): Promise<DsarDetail> {
  const { id } = await dsar.create(dpo, body);
  return dsar.get(dpo, id);
}

/** Collection runs beside the request when jobs are off: wait until it is over. */
async function collectionOver(id: string): Promise<DsarDetail> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const detail = await dsar.get(dpo, id);
    if (detail.status !== 'collecting') return detail;
    if (Date.now() > deadline) throw new Error(`collection did not finish; the request is ${detail.status}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function verifiedAndCollected(id: string): Promise<DsarDetail> {
  await dsar.verify(dpo, id, { method: 'id_document' });
  await dsar.collect(dpo, id);
  return collectionOver(id);
}

describe('binding a request to the person it is about', () => {
  it('binds a request whose email matches a customer to that customer', async () => {
    const detail = await recorded({ kind: 'access', channel: 'email', subject: { email: dana.email } });
    expect(detail.subjectPersonId).toBe(dana.personId);
    expect(await subjects.match({ email: dana.email })).toEqual({
      candidates: [{ personId: dana.personId, matchedBy: ['email'] }],
      automatic: dana.personId,
    });
  });

  it('still matches an email typed with other case and stray spaces', async () => {
    const typed = '  Dana.Whitfield@ACME-Telecom.TEST ';
    const detail = await recorded({ kind: 'access', channel: 'email', subject: { email: typed } });
    expect(detail.subjectPersonId).toBe(dana.personId);
    expect((await subjects.match({ email: typed })).automatic).toBe(dana.personId);
    // Collection keeps the binding and finds her record and account.
    const collected = await verifiedAndCollected(detail.id);
    expect(collected).toMatchObject({ status: 'in_review', subjectPersonId: dana.personId });
    expect(collected.counts).toMatchObject({ contact: 1, accounts: 1 });
  });

  it.each(['0044-7700-900-123', '+44 (0)7700 900 123'])(
    'matches the phone number %s to the person whose record holds 07700 900123',
    async (phone) => {
      const stored = await s.db.query('SELECT phone FROM people WHERE id = $1', [dana.personId]);
      expect(stored.rows).toEqual([{ phone: '+447700900123' }]);
      const detail = await recorded({ kind: 'access', channel: 'phone', subject: { phone } });
      expect(detail.subjectPersonId).toBe(dana.personId);
      expect(detail.subjectPersonId).not.toBe(bella.personId);
      expect(await subjects.match({ phone })).toEqual({
        candidates: [{ personId: dana.personId, matchedBy: ['phone'] }],
        automatic: dana.personId,
      });
    },
  );
});

describe('a name that belongs to staff', () => {
  it('never binds a postal request giving only the DPO’s name to her account; she is offered as a candidate', async () => {
    const detail = await recorded({ kind: 'access', channel: 'post', subject: { fullName: 'Priya Shah' } });
    expect(detail.subjectPersonId).toBeNull();
    expect(await subjects.match({ fullName: 'Priya Shah' })).toEqual({
      candidates: [{ personId: dpo.personId, matchedBy: ['fullName'] }],
      automatic: null,
    });

    const asked = await verifiedAndCollected(detail.id);
    expect(asked.status).toBe('needs_subject');
    expect(asked.subjectPersonId).toBeNull();
    expect(asked.candidates).toEqual([
      expect.objectContaining({ personId: dpo.personId, matchedBy: ['fullName'], accountRole: 'dpo' }),
    ]);
  });

  it('does not bind by her name when the email given with it matches nobody', async () => {
    const given = { email: 'priya.shah@acme.example', fullName: 'Priya Shah' };
    const detail = await recorded({ kind: 'access', channel: 'post', subject: given });
    expect(detail.subjectPersonId).toBeNull();
    expect((await subjects.match(given)).automatic).toBeNull();
    const asked = await verifiedAndCollected(detail.id);
    expect(asked).toMatchObject({ status: 'needs_subject', subjectPersonId: null });
  });
});

describe('“none of these”', () => {
  it('leaves the request unbound: the subject is only mentioned, and collecting again keeps it so', async () => {
    const detail = await recorded({ kind: 'access', channel: 'post', subject: { fullName: 'Priya Shah' } });
    expect((await verifiedAndCollected(detail.id)).status).toBe('needs_subject');

    await dsar.chooseSubject(dpo, detail.id, { nobody: true });
    const done = await collectionOver(detail.id);
    expect(done).toMatchObject({ status: 'in_review', subjectPersonId: null });
    expect(done.counts).toMatchObject({ contact: 0, accounts: 0 });
    const bound = await s.db.query(
      'SELECT subject_person_id, subject_decision FROM dsar_requests WHERE id = $1',
      [detail.id],
    );
    expect(bound.rows).toEqual([{ subject_person_id: null, subject_decision: 'nobody' }]);

    await dsar.collect(dpo, detail.id);
    expect(await collectionOver(detail.id)).toMatchObject({ status: 'in_review', subjectPersonId: null });
  });
});
