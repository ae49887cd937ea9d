import { isApiError } from './api-client';

export type FieldErrorMap<F extends string> = Partial<Record<F, string>>;

export interface FormErrors<F extends string> {
  /** A message for the whole form, when the problem is not about one field. */
  form?: string;
  fields: FieldErrorMap<F>;
}

export const NO_ERRORS = { fields: {} } as const satisfies FormErrors<never>;

/**
 * Turns a failed submit into messages to show: field errors from the API's `fields` go next to
 * their inputs (mapped from the API's dotted paths to form field names), anything else becomes
 * a message for the whole form.
 */
export function toFormErrors<F extends string>(error: unknown, fieldPaths: Record<string, F>): FormErrors<F> {
  if (!isApiError(error)) {
    return { form: 'Something went wrong. Please try again.', fields: {} };
  }
  const fields: FieldErrorMap<F> = {};
  const unmatched: string[] = [];
  for (const [path, messages] of Object.entries(error.fields)) {
    const field = fieldPaths[path];
    const message = messages.join(' ');
    if (field && !fields[field]) fields[field] = message;
    else if (!field) unmatched.push(message);
  }
  const hasFieldErrors = Object.keys(fields).length > 0;
  if (hasFieldErrors && unmatched.length === 0) return { fields };
  return { form: unmatched.length > 0 ? unmatched.join(' ') : error.message, fields };
}

/** Moves keyboard focus to the first field with an error, so it is announced with its message. */
export function focusFirstInvalid<F extends string>(
  fieldIds: Record<F, string>,
  errors: FieldErrorMap<F>,
): void {
  const first = (Object.keys(fieldIds) as F[]).find((field) => errors[field]);
  if (!first) return;
  // Wait for the render that marks the field invalid and links its message.
  window.requestAnimationFrame(() => document.getElementById(fieldIds[first])?.focus());
}

/**
 * Makes an API field message a sentence naming the field: "is not a recognisable phone number"
 * becomes "Caller number is not a recognisable phone number." Messages that are already
 * sentences are kept.
 */
export function fieldSentence(label: string, message: string): string {
  const text = message.trim().replace(/\.$/, '');
  return `${/^[a-z]/.test(text) ? `${label} ${text}` : text}.`;
}
