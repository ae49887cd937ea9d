import { useEffect, useRef, useState, type SubmitEvent } from 'react';
import { SearchIcon } from '../../../ui/icons';
import './portal.css';

const SEARCH_DELAY_MS = 350;

/**
 * The customer's search over the requests they may see: subjects, messages, equipment, and names
 * as their field policy lets them see names. The list follows once typing pauses (or on Enter).
 */
export function RequestSearch({ applied, onSearch }: { applied: string; onSearch: (q: string) => void }) {
  const [query, setQuery] = useState(applied);
  const sent = useRef(applied);
  useEffect(() => {
    if (applied === sent.current) return;
    sent.current = applied;
    setQuery(applied);
  }, [applied]);
  useEffect(() => {
    const text = query.trim();
    if (text === sent.current) return undefined;
    const timer = window.setTimeout(() => {
      sent.current = text;
      onSearch(text);
    }, SEARCH_DELAY_MS);
    return () => {
      window.clearTimeout(timer);
    };
  }, [query, onSearch]);

  const handleSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    sent.current = query.trim();
    onSearch(sent.current);
  };

  return (
    <form role="search" className="portal-search" onSubmit={handleSubmit}>
      <label htmlFor="portal-search" className="field__label">
        Search your requests
      </label>
      <div className="portal-search__control">
        <SearchIcon size={18} />
        <input
          id="portal-search"
          type="search"
          className="input portal-search__input"
          placeholder="Words, equipment or HD-000123"
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
          }}
        />
      </div>
    </form>
  );
}
