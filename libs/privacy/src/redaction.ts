import { detectIdentifiers, type DetectOptions } from './identifiers/detect';
import type { Detection, IdentifierKind } from './identifiers/types';

export const PLACEHOLDERS: Record<IdentifierKind, string> = {
  email: '[email]',
  phone: '[phone]',
  name: '[name]',
};

/**
 * Replaces each detected span with its kind's placeholder. Detections may come in any order; ones
 * that overlap an earlier-starting (or, at the same start, longer) span are skipped.
 */
export function redact(text: string, detections: readonly Detection[]): string {
  const sorted = [...detections]
    .filter((d) => d.start >= 0 && d.end <= text.length && d.end > d.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let at = 0;
  for (const d of sorted) {
    if (d.start < at) continue;
    out += text.slice(at, d.start) + PLACEHOLDERS[d.kind];
    at = d.end;
  }
  return out + text.slice(at);
}

export function redactIdentifiers(
  text: string,
  opts: Pick<DetectOptions, 'names' | 'kinds' | 'defaultCountry'> = {},
): { text: string; detections: Detection[] } {
  const detections = detectIdentifiers(text, opts);
  return { text: redact(text, detections), detections };
}
