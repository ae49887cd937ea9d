import { Link } from 'react-router';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { LoadError, Spinner } from '../../../ui/Feedback';
import { Card, PageHeader } from '../../../ui/Layout';
import {
  type NoticeEntry,
  usePrivacyNotice,
  LAWFUL_BASIS_EXPLAINED,
  LAWFUL_BASIS_LABELS,
} from '../../privacy';
import { NoticeController } from './NoticeController';
import './privacy-pages.css';
import { TableScroll } from '../../../ui/TableScroll';

const RIGHTS: { name: string; text: string }[] = [
  { name: 'Access', text: 'Ask for a copy of the personal data we hold about you.' },
  { name: 'Rectification', text: 'Have anything wrong or incomplete corrected.' },
  { name: 'Erasure', text: 'Ask us to delete your data where we have no good reason to keep it.' },
  {
    name: 'Restriction',
    text: 'Ask us to stop using your data, except to store it, while a concern is looked into.',
  },
  { name: 'Objection', text: 'Object to our using your data on the basis of our legitimate interests.' },
  { name: 'Portability', text: 'Receive the data you gave us in a common, machine-readable format.' },
];

/** Entries grouped by category, keeping the registry's order. */
function byCategory(entries: NoticeEntry[]): [string, NoticeEntry[]][] {
  const groups = new Map<string, NoticeEntry[]>();
  for (const entry of entries) {
    const group = groups.get(entry.category);
    if (group) group.push(entry);
    else groups.set(entry.category, [entry]);
  }
  return [...groups];
}

/** "identify you" -> "To identify you"; a purpose typed as "Identify you" reads the same. */
function purposeText(purpose: string): string {
  const text = purpose.trim().replace(/^to\s+/i, '');
  const lowered = /^[A-Z][a-z]/.test(text) ? `${text.charAt(0).toLowerCase()}${text.slice(1)}` : text;
  return `To ${lowered}`;
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return trimmed ? `${trimmed.charAt(0).toUpperCase()}${trimmed.slice(1)}` : trimmed;
}

/** The privacy notice, generated from the field policies in force. */
export function PrivacyNoticePage() {
  useDocumentTitle('Privacy notice');
  const notice = usePrivacyNotice();

  let body;
  if (notice.isPending) {
    body = <Spinner label="Loading the privacy notice…" />;
  } else if (notice.error) {
    body = (
      <LoadError onRetry={() => void notice.refetch()}>
        The privacy notice could not be loaded. {notice.error.message}
      </LoadError>
    );
  } else {
    body = byCategory(notice.data).map(([category, entries]) => {
      const id = `notice-${category.toLowerCase().replace(/\W+/g, '-')}`;
      return (
        <section key={category} className="card card--flush notice-section" aria-labelledby={id}>
          <h2 className="notice-section__title" id={id}>
            {category}
          </h2>
          <TableScroll label={`${category} table`}>
            <table className="table notice-table" aria-labelledby={id}>
              <thead>
                <tr>
                  <th scope="col">What we collect</th>
                  <th scope="col">Why, and on what legal basis</th>
                  <th scope="col">How long we keep it</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((entry) => (
                  <tr key={entry.field}>
                    <th scope="row" className="table__primary">
                      {entry.label}
                      <span className="notice-table__secondary">
                        {entry.collection === 'required' ? 'Required' : 'Optional: only if you give it'}
                      </span>
                    </th>
                    <td>
                      {entry.purposes.length > 0 ? (
                        <ul className="notice-table__purposes">
                          {entry.purposes.map((purpose) => (
                            <li key={purpose}>{purposeText(purpose)}</li>
                          ))}
                        </ul>
                      ) : (
                        <span className="muted">—</span>
                      )}
                      <span className="notice-table__basis">
                        Legal basis: {LAWFUL_BASIS_LABELS[entry.lawfulBasis] ?? entry.lawfulBasis}
                      </span>
                      {entry.lawfulBasis in LAWFUL_BASIS_EXPLAINED ? (
                        <span className="notice-table__secondary">
                          {LAWFUL_BASIS_EXPLAINED[entry.lawfulBasis]}
                        </span>
                      ) : null}
                    </td>
                    <td>{sentence(entry.retention)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </section>
      );
    });
  }

  return (
    <>
      <PageHeader
        title="Privacy notice"
        description="What personal data we collect about you, why, on what legal basis and for how long. It is generated from the data policies we apply, so it always matches what we actually do."
      />
      <div className="notice-stack">
        <NoticeController />
        {body}

        <Card title="Your rights" titleId="rights-title">
          <p className="rights__intro">Under UK data-protection law you have the right to:</p>
          <dl className="definition-list rights">
            {RIGHTS.map((right) => (
              <div key={right.name}>
                <dt>{right.name}</dt>
                <dd>{right.text}</dd>
              </div>
            ))}
            <div>
              <dt>Complain to the regulator</dt>
              <dd>
                If you are unhappy with how we handle your data, you can complain to the Information
                Commissioner’s Office (ICO) at <a href="https://ico.org.uk/make-a-complaint/">ico.org.uk</a>{' '}
                or on 0303 123 1113. We would like the chance to put things right first.
              </dd>
            </div>
          </dl>
          <p className="rights__how">
            You can correct your contact details yourself on <Link to="/portal/details">My details</Link>. To
            get a copy of your data, have it deleted or stop us contacting you, make a{' '}
            <Link to="/portal/requests">privacy request</Link>: our Data Protection Officer will answer within
            one month.
          </p>
        </Card>
      </div>
    </>
  );
}
