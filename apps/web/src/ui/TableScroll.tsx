import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * A table's sideways scroll container. While the table is wider than the screen (a phone), keyboard
 * users must be able to reach it to scroll it: it is then a focusable region, named for its table
 * ("Identity table": not the name of the section around it, which would make two alike).
 * At full width it is a plain box, so it adds no needless tab stop.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);

  useEffect(() => {
    const box = ref.current;
    if (!box) return undefined;
    const measure = () => {
      setScrolls(box.scrollWidth > box.clientWidth + 1);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    if (box.firstElementChild) observer.observe(box.firstElementChild);
    return () => {
      observer.disconnect();
    };
  }, []);

  return (
    <div
      ref={ref}
      className="table-wrap"
      role={scrolls ? 'region' : undefined}
      aria-label={scrolls ? label : undefined}
      tabIndex={scrolls ? 0 : undefined}
    >
      {children}
    </div>
  );
}
