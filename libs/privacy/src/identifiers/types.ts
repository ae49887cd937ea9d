export type IdentifierKind = 'email' | 'phone' | 'name';

/** One identifier found in free text. `start`/`end` are UTF-16 offsets into the text (end exclusive). */
export interface Detection {
  kind: IdentifierKind;
  start: number;
  end: number;
  /** exactly `text.slice(start, end)` */
  raw: string;
  /**
   * email: lower-cased; name: `normaliseName(full name)` of the known person;
   * phone: E.164 (`+447700900123`) when the number can be placed in a numbering plan, otherwise
   * its digits only, without a `+` (see `isE164`), e.g. a bare `467 3395` found next to "Phone:".
   */
  normalised: string;
}

/** True when a phone detection's `normalised` is a real E.164 number (and so safe to index). */
export function isE164(value: string): boolean {
  return /^\+[1-9]\d{6,14}$/.test(value);
}
