import type { Equipment, TicketDetail } from '@hushdesk/api-client';
import { categoryLabel, TICKET_TYPE_LABELS } from '@hushdesk/ticketing';
import { RevealableValue } from '../../privacy';
import { useRevealContactPhone } from '../hooks/use-tickets';
import { RichText } from './RichText';
import '../../../ui/ticket-page.css';
import './tickets.css';

const EQUIPMENT_FIELDS: { key: keyof Equipment; label: string }[] = [
  { key: 'assetTag', label: 'Asset tag' },
  { key: 'model', label: 'Make and model' },
  { key: 'serialNumber', label: 'Serial number' },
  { key: 'location', label: 'Location' },
];

/** A value the field policy masks for this role (`••••• ••• 123`): not something to dial. */
function isMasked(value: string): boolean {
  return value.includes('•');
}

export function typeAndCategory(ticket: Pick<TicketDetail, 'type' | 'category'>): string {
  const category = ticket.category ? (categoryLabel(ticket.type, ticket.category) ?? ticket.category) : null;
  return category ? `${TICKET_TYPE_LABELS[ticket.type]} · ${category}` : TICKET_TYPE_LABELS[ticket.type];
}

/** What was reported: the description (Markdown, rendered as replies are), then the equipment and contact number when given. */
export function TicketFacts({ ticket, showContact }: { ticket: TicketDetail; showContact: boolean }) {
  const equipment = EQUIPMENT_FIELDS.filter(({ key }) => ticket.equipment?.[key]);
  const reveal = useRevealContactPhone(ticket.id);
  return (
    <section className="card ticket-facts" aria-labelledby="ticket-description-title">
      <h2 className="card__title" id="ticket-description-title">
        Description
      </h2>
      <RichText className="ticket-facts__description" source={ticket.description} />

      {equipment.length > 0 ? (
        <>
          <h3 className="ticket-facts__subtitle">Equipment</h3>
          <dl className="facts">
            {equipment.map(({ key, label }) => (
              <div key={key}>
                <dt>{label}</dt>
                <dd>{ticket.equipment?.[key]}</dd>
              </div>
            ))}
          </dl>
        </>
      ) : null}

      {showContact && ticket.contactPhone ? (
        <>
          <h3 className="ticket-facts__subtitle">Contact</h3>
          <dl className="facts">
            <div>
              <dt>Contact phone</dt>
              <dd>
                <RevealableValue
                  id="ticket-contact-phone"
                  label="Contact phone"
                  kind="phone"
                  value={ticket.contactPhone}
                  masked={isMasked(ticket.contactPhone)}
                  onReveal={(reason) => reveal.mutateAsync(reason).then((r) => r.value)}
                />
              </dd>
            </div>
          </dl>
        </>
      ) : null}
    </section>
  );
}
