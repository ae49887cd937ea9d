import { useDocumentTitle } from '../../../lib/use-document-title';
import { EyeOffIcon, QueueIcon } from '../../../ui/icons';
import { Card, EmptyState, PageHeader } from '../../../ui/Layout';

export function ConsoleHomePage() {
  useDocumentTitle('Queue');
  return (
    <>
      <PageHeader
        title="Queue"
        description="Open requests from every organisation you support, oldest first."
      />

      <div className="home-grid">
        <Card className="home-grid__main" as="div">
          <EmptyState icon={<QueueIcon size={28} />} title="Nothing is waiting">
            <p>
              New requests land here as soon as a customer logs them. Pick one up to see the details you need
              to fix the fault.
            </p>
          </EmptyState>
        </Card>

        <Card title="Working with personal data" titleId="console-privacy-title" className="home-grid__aside">
          <ul className="checklist">
            <li>
              <EyeOffIcon size={18} />
              <span>Customer contact details are masked until you reveal them on a request.</span>
            </li>
            <li>
              <EyeOffIcon size={18} />
              <span>Each reveal is logged with the request it was for, so keep them to what you need.</span>
            </li>
            <li>
              <EyeOffIcon size={18} />
              <span>Keep personal data out of internal notes; link to the customer record instead.</span>
            </li>
          </ul>
        </Card>
      </div>
    </>
  );
}
