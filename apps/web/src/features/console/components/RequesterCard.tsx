import { ErrorMessage, Spinner } from '../../../ui/Feedback';
import { Badge } from '../../../ui/Layout';
import { PERSON_FIELDS, type PersonField, usePerson, useRevealPersonField } from '../../people';
import { RevealableValue, useCollection } from '../../privacy';
import './requester.css';
import '../../../ui/ticket-page.css';

/** Used until the registry's own labels arrive. */
const FALLBACK_LABELS: Record<PersonField, string> = {
  fullName: 'Full name',
  email: 'Email address',
  phone: 'Phone number',
  jobTitle: 'Job title',
  employer: 'Employer',
  workAddress: 'Work address',
  imHandle: 'Instant messaging handle',
};

/**
 * The requester's contact details, as the field policies let an engineer see them: masked values
 * can be revealed one at a time, with a reason that goes into the audit trail.
 */
export function RequesterCard({ personId }: { personId: string }) {
  const person = usePerson(personId);
  const collection = useCollection();
  const label = (field: PersonField) =>
    collection.data?.find((entry) => entry.field === `person.${field}`)?.label ?? FALLBACK_LABELS[field];

  let body;
  if (person.isPending) {
    body = <Spinner label="Loading the contact details…" />;
  } else if (person.error) {
    body = <ErrorMessage>The contact details could not be loaded. {person.error.message}</ErrorMessage>;
  } else {
    const record = person.data;
    const shown = PERSON_FIELDS.filter((field) => record[field] !== undefined);
    body = (
      <>
        {record.doNotContact ? (
          <div className="requester-card__dnc">
            <Badge tone="danger">Do not contact</Badge>
            <p>This person has asked not to be contacted. Reply only on this ticket.</p>
          </div>
        ) : null}
        {shown.length === 0 ? (
          <p className="side-card__empty">No contact details are visible to you.</p>
        ) : (
          <dl className="requester-facts">
            {shown.map((field) => (
              <ContactRow
                key={field}
                personId={personId}
                field={field}
                label={label(field)}
                value={record[field] ?? null}
                masked={record.masked.includes(field)}
              />
            ))}
          </dl>
        )}
      </>
    );
  }

  return (
    <section className="card side-card requester-card" aria-labelledby="requester-title">
      <h2 className="card__title side-card__title" id="requester-title">
        Requester
      </h2>
      {body}
    </section>
  );
}

function ContactRow({
  personId,
  field,
  label,
  value,
  masked,
}: {
  personId: string;
  field: PersonField;
  label: string;
  value: string | null;
  masked: boolean;
}) {
  const reveal = useRevealPersonField(personId);
  return (
    <div className="requester-facts__row">
      <dt>{label}</dt>
      <dd>
        <RevealableValue
          id={field}
          label={label}
          kind={field === 'phone' ? 'phone' : field === 'email' ? 'email' : 'text'}
          value={value}
          masked={masked}
          onReveal={(reason) => reveal.mutateAsync({ field, reason }).then((r) => r.value)}
        />
      </dd>
    </div>
  );
}
