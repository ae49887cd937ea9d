import type { DsarDetail, DsarRelease } from '@hushdesk/api-client';
import { formatDateTime, formatShortDateTime } from '../../../lib/format';
import { BusyButton } from '../../../ui/BusyButton';
import { ErrorMessage } from '../../../ui/Feedback';
import { dsarExportUrl } from '../api/dsar-api';
import { useReleaseDsar } from '../hooks/use-dsar';
import { useRenewDownloadCode } from '../hooks/use-dsar-download';
import './dsar.css';

/**
 * The package: downloads for the DPO (the session cookie goes with a plain link), and the release
 * to the requester, which completes an access or portability request. Only the requester can use
 * the link: signed in (a portal request), or with a one-time code the DPO passes on separately.
 */
export function DsarExportCard({ request }: { request: DsarDetail }) {
  const release = useReleaseDsar(request.id);
  const renew = useRenewDownloadCode(request.id);
  // The just-released answer counts until the refetched request has it: its code is shown only once.
  const released = request.release ?? (release.data ? { ...release.data, downloadedAt: null } : null);
  const canRelease = request.allowedActions.includes('release');
  const live = released ? Date.parse(released.expiresAt) > Date.now() : false;
  // A portal request came from an account: its requester downloads signed in, without a code.
  const portal = request.channel === 'portal';

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
          {release.data ? <JustReleased release={release.data} portal={portal} /> : null}
          <p className="dsar-muted">
            {live ? 'Expires ' : 'Expired '}
            <time dateTime={released.expiresAt} title={formatDateTime(released.expiresAt)}>
              {formatShortDateTime(released.expiresAt)}
            </time>
            .{' '}
            {released.downloadedAt ? (
              <>
                Downloaded{' '}
                <time dateTime={released.downloadedAt} title={formatDateTime(released.downloadedAt)}>
                  {formatShortDateTime(released.downloadedAt)}
                </time>
                ; every download is in the audit trail.
              </>
            ) : (
              'Not downloaded yet.'
            )}
          </p>
          {released.access === 'one_time_code' && live ? (
            <div className="dsar-release__code">
              {renew.error ? <ErrorMessage>{renew.error.message}</ErrorMessage> : null}
              {renew.data ? (
                <p data-testid="dsar-new-code">
                  New one-time code:{' '}
                  <strong className="dsar-release__code-value">{renew.data.oneTimeCode}</strong>. The previous
                  code no longer works. Shown only now: pass it on separately from the link.
                </p>
              ) : (
                <p className="dsar-muted">
                  Lost code, or a download that did not finish? Give the requester a new code; the old one
                  stops working.
                </p>
              )}
              <BusyButton
                type="button"
                className="button button--secondary"
                busy={renew.isPending}
                onClick={() => {
                  renew.mutate();
                }}
              >
                New one-time code
              </BusyButton>
            </div>
          ) : null}
        </div>
      ) : null}

      {canRelease ? (
        <div className="dsar-export__release">
          {release.error ? <ErrorMessage>{release.error.message}</ErrorMessage> : null}
          {released ? null : (
            <p className="dsar-muted">
              {portal
                ? 'Makes a download link that works for the requester signed in to their account, and completes the request.'
                : 'Makes a download link and a one-time code for the requester, and completes the request. Send the code separately from the link.'}
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

/** The link (and code) the API shows once, in the answer to the release. */
function JustReleased({ release, portal }: { release: DsarRelease; portal: boolean }) {
  const url = new URL(release.pagePath, window.location.origin).href;
  return (
    <>
      <p>
        Their download link:{' '}
        <a href={url} className="dsar-release__link">
          {url}
        </a>
      </p>
      {release.oneTimeCode ? (
        <p data-testid="dsar-release-code">
          One-time code: <strong className="dsar-release__code-value">{release.oneTimeCode}</strong>. Send it
          separately from the link (by phone or post): it works once, and the link does nothing without it.
        </p>
      ) : (
        <p className="dsar-muted">
          It works only for the requester, signed in to their account.
          {portal ? ' They also find a download on their Privacy requests page.' : ''}
        </p>
      )}
      <p className="dsar-muted">Shown only now: copy it to send it to them.</p>
    </>
  );
}
