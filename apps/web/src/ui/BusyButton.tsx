import type { ButtonHTMLAttributes } from 'react';

/** Variants filled with a dark colour and white text; every other variant is light or transparent. */
const FILLED_VARIANTS = ['button--primary', 'button--danger', 'button--internal'];

type BusyButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  /** While true the button is disabled, marked aria-busy and shows a spinner before its label. */
  busy: boolean;
  /** Required so that no call site silently becomes a submit button. */
  type: 'button' | 'submit' | 'reset';
};

/**
 * A button that runs something slow: disabled while busy so it cannot be sent twice. The spinner is
 * white on filled variants and otherwise follows the text colour, so it shows on light backgrounds.
 */
export function BusyButton({ busy, disabled, className, children, ...buttonProps }: BusyButtonProps) {
  const filled = (className ?? '').split(/\s+/).some((name) => FILLED_VARIANTS.includes(name));
  return (
    <button {...buttonProps} className={className} disabled={disabled || busy} aria-busy={busy}>
      {busy ? <span className={filled ? 'spinner spinner--inverse' : 'spinner'} aria-hidden="true" /> : null}
      {children}
    </button>
  );
}
