import type { PresenceEntry } from '@hushdesk/contracts';
import { formatList } from '../../../lib/format';

function names(entries: readonly PresenceEntry[]): string {
  return formatList(entries.map((entry) => entry.name?.trim() || 'Someone'));
}

/** "Sam Patel is replying", "Alex Kim is viewing": announced politely as it changes. */
export function PresenceLine({ others }: { others: readonly PresenceEntry[] }) {
  const replying = others.filter((entry) => entry.activity === 'replying');
  const viewing = others.filter((entry) => entry.activity === 'viewing');

  return (
    <div className="presence" role="status" aria-live="polite" data-testid="presence">
      {replying.length > 0 ? (
        <p className="presence__item presence__item--replying">
          <span className="presence__typing" aria-hidden="true">
            <span />
            <span />
            <span />
          </span>
          {names(replying)} {replying.length > 1 ? 'are' : 'is'} replying
        </p>
      ) : null}
      {viewing.length > 0 ? (
        <p className="presence__item">
          <span className="presence__dot" aria-hidden="true" />
          {names(viewing)} {viewing.length > 1 ? 'are' : 'is'} viewing
        </p>
      ) : null}
    </div>
  );
}
