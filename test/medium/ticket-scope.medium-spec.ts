import type { Actor } from '../../apps/api/src/common/auth/actor';
import { DomainErrorCode } from '../../apps/api/src/common/errors/domain-error';
import { Transactions } from '../../apps/api/src/database/transactions';
import { OrganisationsService } from '../../apps/api/src/organisations/organisations.service';
import type { TicketQueryDto } from '../../apps/api/src/tickets/dto/ticket.dto';
import { TicketsRepository } from '../../apps/api/src/tickets/tickets.repository';
import { TicketsService } from '../../apps/api/src/tickets/tickets.service';
import { organisation, signedIn, type SignedIn } from '../support/accounts';
import { startServiceContext, type ServiceContext } from '../support/service-context';

/**
 * Reads of tickets are scoped by the caller inside the repository (`ticket-scope.ts`): a customer
 * reads what they raised, their colleagues' tickets only when their organisation shares them, and
 * never another organisation's, by id, by filter or by search; staff read every ticket.
 */
let s: ServiceContext;
let repository: TicketsRepository;
let service: TicketsService;
let sharedOrg: string;
let acmeOrg: string;
let alice: SignedIn;
let arthur: SignedIn;
let sara: SignedIn;
let simon: SignedIn;
let bella: SignedIn;
let staff: SignedIn[];
const ticket: Record<'alice' | 'arthur' | 'sara' | 'bella', string> = {
  alice: '',
  arthur: '',
  sara: '',
  bella: '',
};

/** The ids a caller sees in the queue, through the service and straight from the repository. */
async function queueOf(actor: Actor, query: Partial<TicketQueryDto> = {}): Promise<string[]> {
  const page = await service.list(actor, { limit: 100, ...query } as TicketQueryDto);
  const { rows } = await repository.queue(actor, query, { after: undefined, limit: 100 }, 'own');
  expect(rows.map((r) => r.id).sort()).toEqual(page.items.map((t) => t.id).sort());
  return page.items.map((t) => t.id).sort();
}

const readable = async (actor: Actor, id: string) => !!(await repository.findVisible(actor, id));

beforeAll(async () => {
  s = await startServiceContext();
  repository = s.ctx.get(TicketsRepository);
  service = s.ctx.get(TicketsService);
  acmeOrg = await organisation(s, 'Acme Telecom');
  sharedOrg = await organisation(s, 'Shared Networks', true);
  const globex = await organisation(s, 'Globex Networks');
  alice = await signedIn(s, 'customer', 'Alice Archer', { organisationId: acmeOrg });
  arthur = await signedIn(s, 'customer', 'Arthur Ames', { organisationId: acmeOrg });
  sara = await signedIn(s, 'customer', 'Sara Shore', { organisationId: sharedOrg });
  simon = await signedIn(s, 'customer', 'Simon Shore', { organisationId: sharedOrg });
  bella = await signedIn(s, 'customer', 'Bella Brook', { organisationId: globex });
  staff = [
    await signedIn(s, 'engineer', 'Sam Patel'),
    await signedIn(s, 'dpo', 'Priya Shah'),
    await signedIn(s, 'admin', 'Jordan Lee'),
  ];
  const raise = async (by: SignedIn, subject: string) =>
    (await service.create(by, { type: 'fault', subject, description: `${subject}, since Monday.` })).id;
  ticket.alice = await raise(alice, 'Handset crackles on line one');
  ticket.arthur = await raise(arthur, 'Voicemail greeting lost');
  ticket.sara = await raise(sara, 'Router reboots nightly');
  ticket.bella = await raise(bella, 'Switch port flapping');
});
afterAll(() => s.close());

describe('a customer', () => {
  it('reads their own ticket', async () => {
    expect(await readable(alice, ticket.alice)).toBe(true);
    expect((await service.get(alice, ticket.alice)).id).toBe(ticket.alice);
  });

  it('cannot read another organisation’s ticket: the repository finds nothing, the service answers not found', async () => {
    expect(await readable(alice, ticket.bella)).toBe(false);
    expect(await readable(bella, ticket.alice)).toBe(false);
    await expect(service.get(alice, ticket.bella)).rejects.toMatchObject({ code: DomainErrorCode.NotFound });
    const locked = await s.ctx.get(Transactions).run((tx) => repository.lockVisible(tx, alice, ticket.bella));
    expect(locked).toBeUndefined();
  });

  it('sees no other organisation’s ticket in the queue, whatever the filter or search', async () => {
    expect(await queueOf(alice)).toEqual([ticket.alice]);
    expect(await queueOf(alice, { requesterId: bella.userId })).toEqual([]);
    expect(await queueOf(alice, { organisationId: bella.organisationId as string })).toEqual([]);
    expect(await queueOf(alice, { q: 'flapping' })).toEqual([]);
    expect(await queueOf(bella, { q: 'flapping' })).toEqual([ticket.bella]);
  });

  it('cannot read a colleague’s ticket when the organisation does not share them', async () => {
    expect(await readable(alice, ticket.arthur)).toBe(false);
    await expect(service.get(alice, ticket.arthur)).rejects.toMatchObject({
      code: DomainErrorCode.NotFound,
    });
    expect(await queueOf(arthur)).toEqual([ticket.arthur]);
  });
});

describe('an organisation with shared ticket visibility', () => {
  it('lets colleagues read each other’s tickets, and nothing beyond the organisation', async () => {
    expect(await readable(simon, ticket.sara)).toBe(true);
    expect((await service.get(simon, ticket.sara)).id).toBe(ticket.sara);
    expect(await queueOf(simon)).toEqual([ticket.sara]);
    expect(await readable(simon, ticket.alice)).toBe(false);
    expect(await readable(simon, ticket.bella)).toBe(false);
  });

  it('stops sharing as soon as the setting is turned off', async () => {
    const organisations = s.ctx.get(OrganisationsService);
    await organisations.update(null, sharedOrg, { sharedTicketVisibility: false });
    try {
      expect(await readable(simon, ticket.sara)).toBe(false);
      expect(await queueOf(simon)).toEqual([]);
      expect(await readable(sara, ticket.sara)).toBe(true);
    } finally {
      await organisations.update(null, sharedOrg, { sharedTicketVisibility: true });
    }
  });
});

describe('staff', () => {
  it('read every ticket, by id and in the queue', async () => {
    const all = Object.values(ticket).sort();
    for (const member of staff) {
      const readAll = await Promise.all(all.map((id) => readable(member, id)));
      expect({ role: member.role, readAll }).toEqual({ role: member.role, readAll: all.map(() => true) });
      expect(await queueOf(member)).toEqual(all);
    }
  });
});
