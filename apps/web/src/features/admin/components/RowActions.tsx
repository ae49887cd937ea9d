export interface RowAction {
  label: string;
  onClick: () => void;
  /** Deleting or removing: drawn as a danger button. */
  danger?: boolean;
  /** What a screen reader hears, when "<label> <name>" does not read well. */
  ariaLabel?: string;
}

/**
 * A table row's buttons. Each is named with the row ("Rename Field service"), so a screen reader's
 * list of buttons says which row each acts on.
 */
export function RowActions({
  name,
  actions,
  stacked = false,
}: {
  name: string;
  actions: RowAction[];
  /** Stacked on a phone: for rows with three buttons. */
  stacked?: boolean;
}) {
  return (
    <div className={stacked ? 'row-actions row-actions--stacked' : 'row-actions'}>
      {actions.map((action) => (
        <button
          key={action.label}
          type="button"
          className={`button ${action.danger ? 'button--danger' : 'button--secondary'} button--small`}
          aria-label={action.ariaLabel ?? `${action.label} ${name}`}
          onClick={action.onClick}
        >
          {action.label}
        </button>
      ))}
    </div>
  );
}
