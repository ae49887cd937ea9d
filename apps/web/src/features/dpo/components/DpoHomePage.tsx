import type { CreateDsarResponse } from '@hushdesk/api-client';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatDate } from '../../../lib/format';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { StatusMessage } from '../../../ui/Feedback';
import { ClockIcon, PlusIcon } from '../../../ui/icons';
import { Card, PageHeader } from '../../../ui/Layout';
import { DsarDashboardCounters, DsarWeekChartCard, DsarListCard, NewDsarForm } from '../../dsar';
import './dpo.css';

const REQUEST_TYPES = [
  { name: 'Access', detail: 'A copy of the personal data we hold about someone.' },
  { name: 'Rectification', detail: 'Correcting personal data that is wrong or incomplete.' },
  { name: 'Erasure', detail: 'Removing someone’s personal data where we have no reason to keep it.' },
];

/** The DPO's home: open requests by deadline, the intake of a new one, and the rules on deadlines. */
export function DpoHomePage() {
  useDocumentTitle('Data-subject requests');
  const [intakeOpen, setIntakeOpen] = useState(false);
  const [created, setCreated] = useState<CreateDsarResponse | null>(null);

  const onCreated = (request: CreateDsarResponse) => {
    setCreated(request);
    setIntakeOpen(false);
  };

  return (
    <>
      <PageHeader
        title="Data-subject requests"
        description="Requests from people exercising their rights over the personal data Hushdesk holds."
        actions={
          intakeOpen ? null : (
            <button
              type="button"
              className="button button--primary button--large"
              aria-expanded={false}
              aria-controls="dsar-intake"
              onClick={() => {
                setIntakeOpen(true);
                setCreated(null);
              }}
            >
              <PlusIcon size={18} />
              New request
            </button>
          )
        }
      />

      <StatusMessage tone="success">
        {created ? (
          <>
            Created <Link to={`/dpo/requests/${created.id}`}>{created.reference}</Link>, due{' '}
            {formatDate(created.dueAt)}.
          </>
        ) : null}
      </StatusMessage>

      {intakeOpen ? (
        <section className="card dsar-intake-card" id="dsar-intake" aria-labelledby="dsar-intake-title">
          <div className="card__header">
            <h2 className="card__title" id="dsar-intake-title">
              New request
            </h2>
            <p className="card__description">
              For a request that came by email, phone or post. Requests from the customer portal appear here
              by themselves.
            </p>
          </div>
          <NewDsarForm
            onCreated={onCreated}
            onCancel={() => {
              setIntakeOpen(false);
            }}
          />
        </section>
      ) : null}

      <DsarDashboardCounters />

      <div className="home-grid dsar-home-grid">
        <DsarListCard highlightId={created?.id} />

        <div className="home-grid__aside dsar-aside">
          <DsarWeekChartCard />
          <Card title="Deadlines" titleId="dpo-deadlines-title">
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
      </div>
    </>
  );
}
