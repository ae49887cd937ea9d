import type { PresenceEntry } from '@hushdesk/contracts';
import { formatList } from '../../../lib/format';
import './tickets.css';

/**
 * Named colleagues by name; those whose names the viewer's field policy hides, together, as
 * "a colleague" or "2 colleagues" ("Sam Patel and a colleague are replying").
 */
function names(entries: readonly PresenceEntry[]): string {
  const named = entries.map((entry) => entry.name?.trim()).filter((name): name is string => Boolean(name));
  const unnamed = entries.length - named.length;
  const list = formatList(
    unnamed ? [...named, unnamed === 1 ? 'a colleague' : `${unnamed} colleagues`] : named,
  );
  return list.charAt(0).toUpperCase() + list.slice(1);
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
