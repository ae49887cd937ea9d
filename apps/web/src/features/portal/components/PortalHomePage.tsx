import { useCurrentUser } from '../../auth/hooks/use-auth';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { InboxIcon, LockIcon, PlusIcon } from '../../../ui/icons';
import { Card, EmptyState, PageHeader } from '../../../ui/Layout';

export function PortalHomePage() {
  useDocumentTitle('Your requests');
  const { data: user } = useCurrentUser();
  const firstName = user?.fullName?.trim().split(/\s+/)[0];

  return (
    <>
      <PageHeader
        title="Your requests"
        description={
          firstName
            ? `Welcome back, ${firstName}. Faults you report to your service provider appear here.`
            : 'Faults you report to your service provider appear here.'
        }
        actions={
          <button type="button" className="button button--primary" disabled aria-describedby="log-fault-note">
            <PlusIcon size={18} />
            Log a fault
          </button>
        }
      />
      <p className="coming-soon-note" id="log-fault-note">
        Logging faults online is coming soon. Until then, contact your service provider as usual.
      </p>

      <div className="home-grid">
        <Card className="home-grid__main" as="div">
          <EmptyState icon={<InboxIcon size={28} />} title="You have no open requests">
            <p>
              When you report a fault, you can follow its progress here and reply to the engineer working on
              it. Requests from colleagues at your organisation appear here too when they share them.
            </p>
          </EmptyState>
        </Card>

        <Card title="How we handle your details" titleId="portal-privacy-title" className="home-grid__aside">
          <ul className="checklist">
            <li>
              <LockIcon size={18} />
              <span>Engineers see your contact details only while they work on your request.</span>
            </li>
            <li>
              <LockIcon size={18} />
              <span>Every time someone opens your personal details, it is recorded.</span>
            </li>
            <li>
              <LockIcon size={18} />
              <span>You can ask for a copy of your data, or for it to be erased, at any time.</span>
            </li>
          </ul>
        </Card>
      </div>
    </>
  );
}
