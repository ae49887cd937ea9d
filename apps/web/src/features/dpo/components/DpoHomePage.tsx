import { useDocumentTitle } from '../../../lib/use-document-title';
import { ClockIcon, ShieldIcon } from '../../../ui/icons';
import { Card, EmptyState, PageHeader } from '../../../ui/Layout';

const REQUEST_TYPES = [
  { name: 'Access', detail: 'A copy of the personal data we hold about someone.' },
  { name: 'Rectification', detail: 'Correcting personal data that is wrong or incomplete.' },
  { name: 'Erasure', detail: 'Removing someone’s personal data where we have no reason to keep it.' },
];

export function DpoHomePage() {
  useDocumentTitle('Data-subject requests');
  return (
    <>
      <PageHeader
        title="Data-subject requests"
        description="Requests from people exercising their rights over the personal data Hushdesk holds."
      />

      <div className="home-grid">
        <Card className="home-grid__main" as="div">
          <EmptyState icon={<ShieldIcon size={28} />} title="No requests are open">
            <p>
              When someone asks to see, correct or erase their personal data, the request appears here with
              the date it must be answered by.
            </p>
          </EmptyState>
        </Card>

        <Card title="Deadlines" titleId="dpo-deadlines-title" className="home-grid__aside">
          <p className="deadline">
            <ClockIcon size={18} />
            <span>
              Answer within <strong>one month</strong> of receiving a request. You can extend by two further
              months for complex or numerous requests, if you tell the person why within the first month.
            </span>
          </p>
          <dl className="definition-list">
            {REQUEST_TYPES.map((type) => (
              <div key={type.name}>
                <dt>{type.name}</dt>
                <dd>{type.detail}</dd>
              </div>
            ))}
          </dl>
        </Card>
      </div>
    </>
  );
}
