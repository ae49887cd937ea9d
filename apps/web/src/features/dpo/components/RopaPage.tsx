import { formatDateTime } from '../../../lib/format';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { LoadError, Spinner } from '../../../ui/Feedback';
import { PrinterIcon } from '../../../ui/icons';
import { PageHeader } from '../../../ui/Layout';
import {
  type RopaActivity,
  useRopa,
  COLLECTION_LABELS,
  LAWFUL_BASIS_ARTICLES,
  LAWFUL_BASIS_LABELS,
} from '../../privacy';
import './dpo.css';

const TITLE = 'Record of processing activities';

const capitalised = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/** The Art. 30 record, generated from the live field registry, laid out to print. */
export function RopaPage() {
  useDocumentTitle(TITLE);
  const ropa = useRopa();

  let body;
  if (ropa.isPending) {
    body = <Spinner label="Generating the record…" />;
  } else if (ropa.error) {
    body = (
      <LoadError onRetry={() => void ropa.refetch()}>
        The record could not be generated. {ropa.error.message}
      </LoadError>
    );
  } else {
    body = (
      <article className="ropa print-document" aria-labelledby="ropa-title">
        <header className="ropa__header">
          <p className="ropa__kicker">UK GDPR Article 30</p>
          <h2 className="ropa__title" id="ropa-title">
            {TITLE}
          </h2>
          <dl className="ropa__facts">
            <div>
              <dt>Controller</dt>
              <dd>
                {ropa.data.controller}
                {ropa.data.controllerContact ? (
                  <address className="ropa__address">{ropa.data.controllerContact.address}</address>
                ) : null}
              </dd>
            </div>
            {ropa.data.controllerContact ? (
              <div>
                <dt>Data Protection Officer</dt>
                <dd>
                  {[
                    ropa.data.controllerContact.dpoName,
                    ropa.data.controllerContact.dpoEmail,
                    ropa.data.controllerContact.dpoPhone,
                  ]
                    .filter(Boolean)
                    .join(', ')}
                </dd>
              </div>
            ) : null}
            <div>
              <dt>Generated</dt>
              <dd>
                <time dateTime={ropa.data.generatedAt}>{formatDateTime(ropa.data.generatedAt)}</time>, from
                the field policies in force
              </dd>
            </div>
            <div>
              <dt>Activities</dt>
              <dd>{ropa.data.activities.length}</dd>
            </div>
          </dl>
        </header>
        {ropa.data.activities.map((activity, index) => (
          <RopaSection key={activity.name} activity={activity} number={index + 1} />
        ))}
      </article>
    );
  }

  return (
    <>
      <div className="no-print">
        <PageHeader
          title={TITLE}
          description="What personal data Hushdesk processes, why, on what basis, who receives it and how long it is kept. Generated from the field policies, so it always matches them."
          actions={
            <button
              type="button"
              className="button button--primary"
              onClick={() => {
                window.print();
              }}
              disabled={!ropa.data}
            >
              <PrinterIcon size={18} />
              Print
            </button>
          }
        />
      </div>
      {body}
    </>
  );
}

function RopaSection({ activity, number }: { activity: RopaActivity; number: number }) {
  const id = `ropa-activity-${String(number)}`;
  return (
    <section className="ropa__activity" aria-labelledby={id}>
      <h3 className="ropa__activity-title" id={id}>
        {number}. {activity.name}
      </h3>
      <dl className="ropa__list">
        <div>
          <dt>Purposes</dt>
          <dd>
            {activity.purposes.length > 0 ? (
              <ul>
                {activity.purposes.map((purpose) => (
                  <li key={purpose}>{capitalised(purpose)}</li>
                ))}
              </ul>
            ) : (
              'None: no field of this activity is collected at present.'
            )}
          </dd>
        </div>
        <div>
          <dt>Lawful bases</dt>
          <dd>
            {activity.lawfulBases.length > 0
              ? activity.lawfulBases
                  .map((basis) =>
                    basis in LAWFUL_BASIS_LABELS
                      ? `${LAWFUL_BASIS_LABELS[basis]} (${LAWFUL_BASIS_ARTICLES[basis]})`
                      : basis,
                  )
                  .join('; ')
              : '—'}
          </dd>
        </div>
        <div>
          <dt>Data subjects</dt>
          <dd>{activity.dataSubjects}</dd>
        </div>
        <div>
          <dt>Categories of personal data</dt>
          <dd>
            {activity.dataCategories.length > 0 ? (
              <table className="ropa__table">
                <thead>
                  <tr>
                    <th scope="col">Data</th>
                    <th scope="col">Collection</th>
                    <th scope="col">Retention</th>
                  </tr>
                </thead>
                <tbody>
                  {activity.dataCategories.map((category) => (
                    <tr key={category.field}>
                      <th scope="row">{category.label}</th>
                      <td>{COLLECTION_LABELS[category.collection]}</td>
                      <td>{category.retention}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              'None at present.'
            )}
          </dd>
        </div>
        <div>
          <dt>Recipients</dt>
          <dd>{activity.recipients}</dd>
        </div>
        <div>
          <dt>Retention</dt>
          <dd>
            <ul>
              {activity.retention.map((rule) => (
                <li key={rule}>{rule}</li>
              ))}
            </ul>
          </dd>
        </div>
        <div>
          <dt>International transfers</dt>
          <dd>{activity.internationalTransfers}</dd>
        </div>
        <div>
          <dt>Security measures</dt>
          <dd>
            <ul>
              {activity.securityMeasures.map((measure) => (
                <li key={measure}>{measure}</li>
              ))}
            </ul>
          </dd>
        </div>
      </dl>
    </section>
  );
}
