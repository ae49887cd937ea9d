/**
 * A row of toggle buttons choosing one value (a list's filter: all, waiting, sent...). Each is a
 * real button with `aria-pressed`, in a labelled group, so screen readers announce the choice.
 */
export function Segmented<V>({
  label,
  options,
  value,
  onChange,
}: {
  label: string;
  options: readonly { value: V; label: string }[];
  value: V;
  onChange: (value: V) => void;
}) {
  return (
    <div className="segmented" role="group" aria-label={label}>
      {options.map((option) => (
        <button
          key={option.label}
          type="button"
          className="segmented__option"
          aria-pressed={value === option.value}
          onClick={() => onChange(option.value)}
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}
