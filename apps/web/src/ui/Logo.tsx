interface LogoProps {
  /** Light text for dark backgrounds. */
  tone?: 'light' | 'dark';
  className?: string;
}

export function LogoMark({ size = 32 }: { size?: number }) {
  return (
    <svg
      className="logo-mark"
      width={size}
      height={size}
      viewBox="0 0 32 32"
      aria-hidden="true"
      focusable="false"
    >
      <rect width="32" height="32" rx="8" fill="#4338ca" />
      <path
        d="M9 10.5A2.5 2.5 0 0 1 11.5 8h9a2.5 2.5 0 0 1 2.5 2.5v7a2.5 2.5 0 0 1-2.5 2.5H15l-4 3.5V20h.5A2.5 2.5 0 0 1 9 17.5z"
        fill="#fff"
      />
      <circle cx="20.5" cy="11" r="3" fill="#2dd4bf" />
    </svg>
  );
}

/** The Hushdesk wordmark: the mark plus the name, which is the accessible text. */
export function Wordmark({ tone = 'dark', className }: LogoProps) {
  return (
    <span className={['wordmark', `wordmark--${tone}`, className].filter(Boolean).join(' ')}>
      <LogoMark />
      <span className="wordmark__text">Hushdesk</span>
    </span>
  );
}
