import { BusyButton } from './BusyButton';

/** Under a keyset-paginated table: how many rows are shown, and "Load more" while more exist. */
export function TableFooter({
  shown,
  hasMore,
  loadingMore,
  onLoadMore,
  partial = 'Showing the first',
}: {
  shown: number;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  /** How to describe a partial list, e.g. "Showing the latest" for newest-first lists. */
  partial?: string;
}) {
  return (
    <div className="table-footer">
      <p className="table-footer__count">
        {hasMore ? `${partial} ${String(shown)}` : `${String(shown)} in total`}
      </p>
      {hasMore ? (
        <BusyButton
          type="button"
          className="button button--secondary"
          onClick={onLoadMore}
          busy={loadingMore}
        >
          Load more
        </BusyButton>
      ) : null}
    </div>
  );
}
