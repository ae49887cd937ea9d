import type { DsarDetail } from '@hushdesk/contracts';
import { formatDateTime, formatShortDateTime } from '../../../lib/format';
import { BusyButton } from '../../../ui/BusyButton';
import { ErrorMessage } from '../../../ui/Feedback';
import { dsarExportUrl, isTokenLink, releaseDownloadUrl } from '../api/dsar-api';
import { useReleaseDsar } from '../hooks/use-dsar';

/**
 * The package: downloads for the DPO (the session cookie goes with a plain link), and the release
 * of a 7-day download link for the requester, which completes an access or portability request.
 */
export function DsarExportCard({ request }: { request: DsarDetail }) {
  const release = useReleaseDsar(request.id);
  const released = release.data ?? request.release;
  const canRelease = request.allowedActions.includes('release');
  const downloadedAt = request.release?.downloadedAt ?? null;

  return (
    <section className="card dsar-export" aria-labelledby="dsar-export-title">
      <div className="card__header">
        <h2 className="card__title" id="dsar-export-title">
          Package
        </h2>
        <p className="card__description">
          Everything not excluded, with other people’s identifiers redacted as reviewed.
        </p>
      </div>
      <div className="dsar-export__downloads">
        <a className="button button--secondary" href={dsarExportUrl(request.id, 'zip')} download>
          Download ZIP
        </a>
        <a className="button button--secondary" href={dsarExportUrl(request.id, 'json')} download>
          Download JSON
        </a>
        {request.kind === 'portability' ? (
          <a className="button button--secondary" href={dsarExportUrl(request.id, 'csv')} download>
            Download CSV
          </a>
        ) : null}
      </div>

      {released ? (
        <div className="dsar-release" data-testid="dsar-release">
          <p className="dsar-release__title">Released to the requester</p>
          {isTokenLink(released.downloadPath) ? (
            <>
              <p>
                Their download link:{' '}
                <a href={releaseDownloadUrl(released.downloadPath)} className="dsar-release__link">
                  {new URL(releaseDownloadUrl(released.downloadPath), window.location.origin).href}
                </a>
              </p>
              <p className="dsar-muted">
                Shown only now: copy it to send it to them.
                {request.channel === 'portal'
                  ? ' They also find a download on their Privacy requests page.'
                  : ''}
              </p>
            </>
          ) : null}
          <p className="dsar-muted">
            {released.expiresAt && Date.parse(released.expiresAt) <= Date.now() ? 'Expired ' : 'Expires '}
            <time dateTime={released.expiresAt} title={formatDateTime(released.expiresAt)}>
              {formatShortDateTime(released.expiresAt)}
            </time>
            .{' '}
            {downloadedAt ? (
              <>
                Downloaded{' '}
                <time dateTime={downloadedAt} title={formatDateTime(downloadedAt)}>
                  {formatShortDateTime(downloadedAt)}
                </time>
                .
              </>
            ) : (
              'Not downloaded yet.'
            )}
          </p>
        </div>
      ) : null}

      {canRelease ? (
        <div className="dsar-export__release">
          {release.error ? <ErrorMessage>{release.error.message}</ErrorMessage> : null}
          {released ? null : (
            <p className="dsar-muted">
              Makes a download link for the requester, valid for 7 days, and completes the request.
            </p>
          )}
          <BusyButton
            type="button"
            className="button button--primary"
            busy={release.isPending}
            onClick={() => {
              release.mutate();
            }}
          >
            Release to requester
          </BusyButton>
        </div>
      ) : null}
    </section>
  );
}
