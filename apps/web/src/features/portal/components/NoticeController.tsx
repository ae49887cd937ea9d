import { Card } from '../../../ui/Layout';
import { usePublishedController } from '../../privacy';

/** "Who is responsible for your data": the controller and its DPO, as an admin set them. */
export function NoticeController() {
  const controller = usePublishedController();
  if (controller.isPending || controller.error) return null;
  const identity = controller.data;
  return (
    <Card title="Who is responsible for your data" titleId="notice-controller-title">
      {identity ? (
        <dl className="definition-list">
          <div>
            <dt>Controller</dt>
            <dd>
              {identity.name}
              <address className="notice-controller__address">{identity.address}</address>
            </dd>
          </div>
          <div>
            <dt>Data Protection Officer</dt>
            <dd>
              {identity.dpoName ? <>{identity.dpoName}, </> : null}
              <a href={`mailto:${identity.dpoEmail}`}>{identity.dpoEmail}</a>
              {identity.dpoPhone ? <>, {identity.dpoPhone}</> : null}
            </dd>
          </div>
        </dl>
      ) : (
        <p className="muted">
          The company that runs this helpdesk has not yet published its name and address here. Your support
          contact can give them to you.
        </p>
      )}
    </Card>
  );
}
