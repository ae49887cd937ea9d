import {
  type ArgumentMetadata,
  BadRequestException,
  UnsupportedMediaTypeException,
  ValidationError,
  ValidationPipe,
} from '@nestjs/common';
import { fieldMessage } from '../errors/domain-error';

/** Flattens class-validator errors into `{ "person.fullName": ["must be a string"] }`. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) {
      out[path] = Object.entries(error.constraints).map(([rule, message]) =>
        rule === 'whitelistValidation'
          ? 'is not an accepted field'
          : message.startsWith(`${error.property} `)
            ? message.slice(error.property.length + 1)
            : message,
      );
    }
    Object.assign(out, flattenValidationErrors(error.children ?? [], path));
  }
  return out;
}

export class ValidationFailedException extends BadRequestException {
  constructor(readonly fields: Record<string, string[]>) {
    super(
      Object.entries(fields)
        .map(([field, problems]) => fieldMessage(field, problems.join(', ')))
        .join('; '),
    );
  }
}

/** No request DTO nests deeper than a few levels; anything deeper is an attack on the recursion below. */
export const MAX_INPUT_DEPTH = 32;

const plainContainer = (value: unknown): value is Record<string, unknown> | unknown[] => {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return true;
  // JSON objects, and the query string parser's objects (a prototype with no prototype of its own).
  const proto = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
};

// Keys that name Object.prototype's members: class-transformer skips a key whose value on the new
// instance is a function (valueOf, toString...) and Nest's pipe strips __proto__ and overwrites
// constructor, so these would be dropped silently instead of refused as unknown fields.
const PROTOTYPE_KEYS = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

// Field paths are echoed in the message; a hostile key can be a megabyte long.
const shortPath = (path: string) => (path.length > 200 ? `${path.slice(0, 200)}…` : path);

/**
 * The first thing in a body, query or parameter that no DTO accepts and that would otherwise break
 * what runs after validation, with its field: nesting deeper than MAX_INPUT_DEPTH (Nest's proto-key
 * stripping and class-transformer recurse, and overflow the stack at a few thousand levels: a 500),
 * and the NUL character, which PostgreSQL text cannot hold (error 22021: a 500 after validation).
 * Walked with an explicit stack, so the check cannot overflow itself. Buffers (raw bodies) are skipped.
 */
export function hostileShape(value: unknown, root = ''): { path: string; problem: string } | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: root, depth: 0 }];
  while (stack.length) {
    const item = stack.pop()!;
    if (typeof item.value === 'string') {
      if (item.value.includes('\0'))
        return { path: shortPath(item.path), problem: 'must not contain NUL characters' };
      continue;
    }
    if (!plainContainer(item.value)) continue;
    if (item.depth > MAX_INPUT_DEPTH) {
      const field = item.path.split('.')[0];
      return { path: shortPath(field), problem: `is nested more than ${MAX_INPUT_DEPTH} levels deep` };
    }
    for (const [key, child] of Object.entries(item.value)) {
      if (PROTOTYPE_KEYS.has(key))
        return {
          path: shortPath(item.path ? `${item.path}.${key}` : key),
          problem: 'is not an accepted field',
        };
      if (key.includes('\0'))
        return { path: shortPath(item.path), problem: 'has a field name with a NUL character' };
      stack.push({ value: child, path: item.path ? `${item.path}.${key}` : key, depth: item.depth + 1 });
    }
  }
  return null;
}

const isForeignObject = (value: unknown) =>
  value !== null &&
  typeof value === 'object' &&
  !Array.isArray(value) &&
  Object.getPrototypeOf(value) !== Object.prototype;

/** Nest's pipe, with the shape checks above first (for bodies, queries and route parameters). */
class HushdeskValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const found = hostileShape(value, metadata.type === 'param' ? (metadata.data ?? 'param') : '');
      if (found) throw new ValidationFailedException({ [found.path || metadata.type]: [found.problem] });
    }
    // A DTO body is JSON. A form (parsed into an object without Object.prototype) or a raw body (a
    // Buffer) sent to a JSON route would otherwise be validated field by field and could pass.
    if (metadata.type === 'body' && isForeignObject(value)) {
      throw new UnsupportedMediaTypeException('content type is not supported; send application/json');
    }
    // A JSON body of `null` would be read as an empty object, which DTOs of optional fields accept.
    if (metadata.type === 'body' && value === null && metadata.metatype && metadata.metatype !== Object) {
      throw new ValidationFailedException({ body: ['must be a JSON object'] });
    }
    return super.transform(value, metadata);
  }
}

/** The one global pipe: unknown fields are refused, and every message names its field. */
export function createValidationPipe(): ValidationPipe {
  return new HushdeskValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationFailedException(flattenValidationErrors(errors)),
  });
}
