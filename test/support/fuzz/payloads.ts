import fc from 'fast-check';
import { exampleOf, fieldsOf, type Field, type OpenApiDocument, type Schema } from './openapi';

/**
 * One hostile request body. Every payload here is invalid by construction (no generator can hit a
 * valid value by chance), so the only right answers are the statuses listed.
 */
export interface Payload {
  kind: string;
  body: string | Buffer;
  contentType: string | null;
  /** A field the 400's `fields` must name, when the attack targets one. */
  field?: string;
  status: number[];
}

export const BODY_LIMIT = 1024 * 1024;
const JSON_TYPE = 'application/json';
const SLOT = '__FUZZ_SLOT_7f3a__';
const SLOT_TEXT = JSON.stringify(SLOT);

/** The base payload with the value at `path` replaced by raw JSON text (so keys like __proto__ stay own keys). */
function withRaw(base: unknown, path: string[], raw: string): string {
  const copy = structuredClone(base) as Record<string, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null || Array.isArray(node[key])) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1]] = SLOT;
  return JSON.stringify(copy).replace(SLOT_TEXT, () => raw);
}

/** A raw key/value pair added first to the object at `path` (the root when empty). */
function withRawKey(base: unknown, path: string[], rawKey: string, rawValue: string): string {
  if (!path.length) {
    const text = JSON.stringify(base);
    return text === '{}' ? `{${rawKey}:${rawValue}}` : `{${rawKey}:${rawValue},${text.slice(1)}`;
  }
  return withRaw(base, path, `{${rawKey}:${rawValue}}`);
}

const json = (body: string, kind: string, status: number[], field?: string): Payload => ({
  kind,
  body,
  contentType: JSON_TYPE,
  field,
  status,
});

// Strings no DTO field may choke on: lone surrogates, NUL, bidi overrides, zero-width and combining
// characters, emoji sequences, non-characters, line separators, escape codes, injection probes.
export const UNICODE_EDGES = [
  '\ud800',
  '\udfff',
  'a\ud83dz',
  '\u0000',
  'x\u0000y',
  '\u202eexe.txt\u202c',
  '\u200b\u200c\u200d\u2060\ufeff',
  'e\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308\u0309',
  'Z\u0334\u0321\u031b\u0316\u0317\u0318\u0319\u031c\u031d\u031e',
  '\u{1f469}\u200d\u{1f469}\u200d\u{1f467}\u200d\u{1f466}',
  '\u{1f3f3}\ufe0f\u200d\u{1f308}',
  '\uffff\ufffe',
  '\u0085\u2028\u2029',
  '\u001b[31m\u0007\b',
  '\u0130\u0131\u00df',
  '<script>alert(1)</script>',
  "'; DROP TABLE tickets;--",
  '%00%2e%2e%2f',
  '${jndi:ldap://x}{{7*7}}',
  '\\u0000\\',
];
const unicodeString = fc.oneof(
  fc.constantFrom(...UNICODE_EDGES),
  // Any UTF-16 code unit, lone surrogates included.
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

/** Raw JSON text of a value of some other type than the schema's. */
export function wrongTypeFor(field: Field): fc.Arbitrary<string> {
  const s = field.schema;
  const nullAllowed = !field.required || s.nullable; // IsOptional treats null as absent
  const scalarsBut = (exclude: string) =>
    [
      exclude !== 'number' && fc.integer().map(String),
      exclude !== 'number' &&
        fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => JSON.stringify(n)),
      exclude !== 'boolean' && fc.boolean().map(String),
      exclude !== 'string' && fc.string({ maxLength: 10 }).map((t) => JSON.stringify(`x${t}`)),
      !nullAllowed && fc.constant('null'),
    ].filter(Boolean) as fc.Arbitrary<string>[];
  // Without poisoned keys: the JSON parser refuses those before validation (their own category
  // sends them), so they would not test the field's type.
  const unpoisoned = (text: string) => !/"(__proto__|constructor|prototype)"/.test(text);
  const object = fc
    .dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 })
    .map((o) => JSON.stringify(o))
    .filter(unpoisoned);
  // At least two items: Number([5]) is 5, so a one-item array can pass for a number.
  const array = fc
    .array(fc.jsonValue({ maxDepth: 1 }), { minLength: 2, maxLength: 4 })
    .map((a) => JSON.stringify(a))
    .filter(unpoisoned);
  if (s.type === 'number' || s.type === 'integer') {
    // Numbers are coerced from strings and booleans (Number('7'), Number(true)), so only values that stay wrong.
    const outOfRange = [
      s.maximum !== undefined && fc.integer({ min: 1, max: 1e6 }).map((d) => String(s.maximum! + d)),
      s.minimum !== undefined && fc.integer({ min: 1, max: 1e6 }).map((d) => String(s.minimum! - d)),
      fc.constantFrom('1e400', '-1e400', JSON.stringify('x12'), JSON.stringify('')),
    ].filter(Boolean) as fc.Arbitrary<string>[];
    return fc.oneof(object, array, ...outOfRange, ...(!nullAllowed ? [fc.constant('null')] : []));
  }
  if (s.type === 'boolean') return fc.oneof(...scalarsBut('boolean'), object, array);
  if (s.type === 'array') {
    const badItems = fc.array(
      fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.object({ maxDepth: 1 })),
      {
        minLength: 1,
        maxLength: 3,
      },
    );
    const tooMany = fc.constant(
      JSON.stringify(Array.from({ length: (s.maxItems ?? 1000) + 1 }, (_, i) => `item-${i}`)),
    );
    return fc.oneof(
      ...scalarsBut('array'),
      object,
      badItems.map((a) => JSON.stringify(a)),
      tooMany,
    );
  }
  if (s.properties) return fc.oneof(...scalarsBut('object'), array);
  return fc.oneof(...scalarsBut('string'), object, array);
}

/** Keys no DTO declares: random text and Object.prototype's own names. */
const unknownKey = (declared: Set<string>) =>
  fc
    .oneof(
      fc.string({ minLength: 1, maxLength: 30 }),
      fc.constantFrom(
        'toString',
        'valueOf',
        'hasOwnProperty',
        'isPrototypeOf',
        '__defineGetter__',
        'then',
        'length',
      ),
      unicodeString.filter((k) => k.length > 0),
    )
    .filter(
      (k) => !declared.has(k) && !['__proto__', 'constructor', 'prototype'].includes(k) && !k.includes('\0'),
    );

/** Every category of hostile body for one JSON-body route, keyed by category name. */
export function hostileBodies(schema: Schema, doc: OpenApiDocument): Record<string, fc.Arbitrary<Payload>> {
  const base = (schema.properties ? exampleOf(schema, doc) : {}) as Record<string, unknown>;
  const baseText = JSON.stringify(base);
  const fields = fieldsOf(schema, doc);
  const strings = fields.filter((f) => f.schema.type === 'string' && !f.schema.enum);
  const objects = fields.filter((f) => f.schema.properties);
  const declaredAt = (path: string[]) =>
    new Set(
      Object.keys(
        (path.length ? objects.find((o) => o.path.join() === path.join())!.schema : schema).properties ?? {},
      ),
    );
  const placesForKeys: string[][] = [[], ...objects.map((o) => o.path)];
  const anyField = fields.length ? fc.constantFrom(...fields) : null;
  const oneOf = <T>(...arbs: (fc.Arbitrary<T> | null | false)[]) =>
    fc.oneof(...(arbs.filter(Boolean) as fc.Arbitrary<T>[]));

  const wrongType = anyField
    ? anyField.chain((f) =>
        wrongTypeFor(f).map((raw) => json(withRaw(base, f.path, raw), 'wrong type', [400], f.path.join('.'))),
      )
    : // A body with no declared properties: any property at all is wrong.
      fc
        .jsonValue({ maxDepth: 1 })
        .map((v) => json(JSON.stringify({ unexpected: v }), 'wrong type', [400], 'unexpected'));

  const unknownField = fc
    .constantFrom(...placesForKeys)
    .chain((place) =>
      fc.tuple(fc.constant(place), unknownKey(declaredAt(place)), fc.jsonValue({ maxDepth: 2 })),
    )
    .map(([place, key, value]) =>
      json(
        withRawKey(base, place, JSON.stringify(key), JSON.stringify(value ?? null)),
        'unknown field',
        [400],
      ),
    );

  const bounded = strings.filter((f) => f.schema.maxLength !== undefined);
  const overMax = bounded.length
    ? fc
        .tuple(
          fc.constantFrom(...bounded),
          fc.oneof(fc.integer({ min: 1, max: 5000 }), fc.constant(-1)),
          unicodeString,
        )
        .map(([f, extra, tail]) => {
          // -1: as long as the 1 MB body limit allows, short of it by a little.
          const length = extra < 0 ? BODY_LIMIT - baseText.length - 2000 : f.schema.maxLength! + extra;
          const value = 'x'.repeat(length) + tail.replace(/\0/g, '');
          return json(withRaw(base, f.path, JSON.stringify(value)), 'huge string', [400], f.path.join('.'));
        })
    : null;
  const overLimit = fc
    .tuple(fc.constantFrom('x', '\u20ac', '\u{1f600}'), fc.integer({ min: 1, max: 200_000 }))
    .map(([unit, extra]) => {
      const bytes = Buffer.byteLength(unit);
      const value = unit.repeat(Math.ceil((BODY_LIMIT + extra) / bytes));
      const path = strings.length ? strings[0].path : ['unexpected'];
      return json(withRaw(base, path, JSON.stringify(value)), 'over the body limit', [413]);
    });

  const deep = fc
    .tuple(
      fc.integer({ min: 40, max: 5000 }),
      fc.boolean(),
      fields.length
        ? fc.constantFrom<string[]>(...fields.map((f) => f.path), ['unexpected'])
        : fc.constant<string[]>(['unexpected']),
    )
    .map(([depth, arrays, path]) => {
      const raw = arrays
        ? '['.repeat(depth) + ']'.repeat(depth)
        : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
      return json(withRaw(base, path, raw), `deep nesting (${depth})`, [400], path[0]);
    });
  const deepRoot = fc
    .constantFrom(200_000, 400_000)
    .map((depth) => json('['.repeat(depth) + ']'.repeat(depth), 'deep nesting (root)', [400]));

  // Unicode in each string field and in a key; the key is unknown, so the payload is invalid whatever the value does.
  const unicode = fc
    .tuple(strings.length ? fc.constantFrom(...strings) : fc.constant(null), unicodeString, unicodeString)
    .map(([f, value, key]) => {
      const withValue = f ? JSON.parse(withRaw(base, f.path, JSON.stringify(value))) : base;
      return json(withRawKey(withValue, [], JSON.stringify(`unexpected${key}`), '1'), 'unicode', [400]);
    });
  const overlong = fc
    .constantFrom(
      [0xc0, 0xaf],
      [0xed, 0xa0, 0x80],
      [0xf8, 0x88, 0x80, 0x80, 0x80],
      [0xff, 0xfe],
      [0xe0, 0x80, 0xaf],
    )
    .map((bytes) => {
      const text = withRawKey(base, [], '"unexpected"', SLOT_TEXT);
      const [before, after] = text.split(SLOT);
      return {
        ...json('', 'invalid UTF-8', [400]),
        body: Buffer.concat([Buffer.from(before), Buffer.from(bytes), Buffer.from(after)]),
      };
    });

  const pollutingValue = fc.constantFrom(
    '{"polluted":"yes"}',
    '{"polluted":"yes","toString":"x"}',
    '{"prototype":{"polluted":"yes"}}',
    '[{"polluted":"yes"}]',
    'null',
  );
  const pollutingKey = fc.constantFrom(
    '"__proto__"',
    '"constructor"',
    '"prototype"',
    '"\\u005f_proto__"',
    '"__proto\\u005f_"',
    '"constru\\u0063tor"',
  );
  const proto = fc
    .tuple(
      pollutingKey,
      pollutingValue,
      fc.constantFrom(
        ...placesForKeys,
        ...strings.map((f) => f.path),
        ...(fields.some((f) => f.schema.type === 'array')
          ? [fields.find((f) => f.schema.type === 'array')!.path]
          : []),
      ),
    )
    .map(([key, value, place]) => {
      const isContainer = !place.length || objects.some((o) => o.path.join() === place.join());
      const isArray =
        place.length && fields.find((f) => f.path.join() === place.join())?.schema.type === 'array';
      const raw = `{${key}:${key === '"constructor"' ? `{"prototype":${value}}` : value}}`;
      const body = isContainer
        ? withRawKey(base, place, key, key === '"constructor"' ? `{"prototype":${value}}` : value)
        : withRaw(base, place, isArray ? `[${raw}]` : raw);
      return json(body, 'prototype pollution', [400]);
    });

  const invalidJson = fc
    .oneof(
      fc.integer({ min: 1, max: Math.max(1, baseText.length - 1) }).map((n) => baseText.slice(0, n)),
      fc.constantFrom(
        '',
        '{',
        '{"a":}',
        "{'type':'x'}",
        '{"a":1,}',
        '{a:1}',
        'NaN',
        'undefined',
        '{"a":NaN}',
        '{"a":Infinity}',
        '{}garbage',
        '{"a":"\\x00"}',
        '{"a":01}',
        '[1,]',
        '/*c*/{}',
        '{"a":1}{"b":2}',
        // Valid JSON, but not an object: no DTO is a number, a string, a list or null.
        'null',
        'true',
        '0',
        '"text"',
        '[]',
        `[${baseText}]`,
      ),
    )
    .map((text) => json(text, 'invalid JSON', [400]));

  const wrongContentType = fc
    .constantFrom(
      'text/plain',
      'text/html',
      'application/xml',
      'application/x-www-form-urlencoded',
      'application/octet-stream',
      'audio/wav',
      'image/png',
      'application/pdf',
      'text/csv',
      'application/vnd.api+json',
      'application/jsonx',
      'multipart/form-data; boundary=fuzz',
      null,
    )
    .map((contentType): Payload => {
      const form = new URLSearchParams(
        Object.entries(base).filter(([, v]) => typeof v !== 'object') as [string, string][],
      ).toString();
      return {
        kind: `content type ${contentType}`,
        body:
          contentType === 'application/x-www-form-urlencoded'
            ? form
            : contentType?.startsWith('multipart/')
              ? `--fuzz\r\nContent-Disposition: form-data; name="subject"\r\n\r\nx\r\n--fuzz--\r\n`
              : baseText,
        contentType,
        status: [400, 415],
      };
    });

  return {
    wrongType,
    unknownField,
    ...(overMax ? { overMax } : {}),
    overLimit,
    deep: oneOf(deep, deep, deep, deepRoot),
    unicode: oneOf(unicode, unicode, overlong),
    proto,
    invalidJson,
    wrongContentType,
  };
}
