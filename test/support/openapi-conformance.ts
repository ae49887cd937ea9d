import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * Checks answers against the OpenAPI document: the status must be listed for the operation, and a
 * JSON body must validate against that status's schema (a download's content type must be listed).
 * Suites call `check` on every answer and assert `problems` is empty at the end, so an answer the
 * document does not describe fails CI rather than surprising a generated client.
 */

interface MediaType {
  schema?: JsonSchema;
}
interface ResponseObject {
  content?: Record<string, MediaType>;
}
type JsonSchema = Record<string, unknown>;
interface Document {
  paths: Record<string, Record<string, { responses?: Record<string, ResponseObject> }>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

/** What of an answer is checked: supertest's response has all of it. */
export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
  text?: string;
}

const ROOT = 'openapi';

/** OpenAPI 3.0's `nullable` to JSON Schema, and every component reference to the one root schema. */
function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$ref' && typeof value === 'string') out.$ref = value.replace(/^#/, `${ROOT}#`);
    else if (key === 'nullable' || key === 'example' || key === 'examples') continue;
    else out[key] = toJsonSchema(value);
  }
  return (schema as JsonSchema).nullable === true ? { anyOf: [out, { type: 'null' }] } : out;
}

export class OpenApiConformance {
  readonly problems: string[] = [];
  checked = 0;
  undocumented = 0;
  violations = 0;
  private readonly ajv: Ajv;
  private readonly validators = new Map<string, ValidateFunction>();

  private readonly doc: Document;

  /** `document`: the parsed OpenAPI document, as served at /api/docs-json. */
  constructor(document: object) {
    this.doc = document as Document;
    const doc = this.doc;
    this.ajv = new Ajv({ strict: false });
    addFormats(this.ajv);
    this.ajv.addFormat('binary', true);
    this.ajv.addSchema(
      { components: { schemas: toJsonSchema(doc.components?.schemas ?? {}) } } as JsonSchema,
      ROOT,
    );
  }

  /** `key` is the operation as `METHOD /api/path/{param}`, the form both suites already use. */
  check(key: string, answer: Answer): void {
    this.checked++;
    const [method, path] = key.split(' ');
    const operation = this.doc.paths[path]?.[method.toLowerCase()];
    if (!operation) {
      this.record('undocumented', `${key}: no such operation in the document`);
      return;
    }
    const response = operation.responses?.[String(answer.status)];
    if (!response) {
      this.record('undocumented', `${key}: status ${answer.status} is not documented`);
      return;
    }
    const contentType = String(answer.headers['content-type'] ?? '')
      .split(';')[0]
      .trim()
      .toLowerCase();
    // No content type: no body (a 204, a 416); the document must not promise a JSON one.
    if (!contentType) {
      if (response.content?.['application/json']?.schema) {
        this.record('violation', `${key} ${answer.status}: empty body, the document describes one`);
      }
      return;
    }
    const media = response.content?.[contentType] ?? response.content?.['*/*'];
    if (!media) {
      this.record(
        'violation',
        `${key} ${answer.status}: content type ${contentType || '(none)'} is not documented (${Object.keys(response.content ?? {}).join(', ') || 'no content'})`,
      );
      return;
    }
    if (contentType !== 'application/json' || !media.schema) return;
    const validate = this.validatorFor(media.schema);
    if (!validate(answer.body)) {
      const errors = (validate.errors ?? [])
        .slice(0, 4)
        .map((e) => `${e.instancePath || '/'} ${e.message}`)
        .join('; ');
      this.record('violation', `${key} ${answer.status}: body does not match its schema: ${errors}`);
    }
  }

  /** One line for the suite's output. */
  summary(suite: string): string {
    return `${suite}, OpenAPI conformance: ${this.checked} answers checked, ${this.undocumented} undocumented statuses, ${this.violations} schema violations\n`;
  }

  /** Compiled once per distinct schema: most answers share a few (every error the same one). */
  private validatorFor(schema: JsonSchema): ValidateFunction {
    const id = JSON.stringify(schema);
    let validate = this.validators.get(id);
    if (!validate) {
      const ref = Object.keys(schema).length === 1 ? (toJsonSchema(schema) as JsonSchema).$ref : undefined;
      validate =
        (typeof ref === 'string' ? this.ajv.getSchema(ref) : undefined) ??
        this.ajv.compile(toJsonSchema(schema) as JsonSchema);
      this.validators.set(id, validate);
    }
    return validate;
  }

  private record(kind: 'undocumented' | 'violation', problem: string): void {
    if (kind === 'undocumented') this.undocumented++;
    else this.violations++;
    // The same problem from many payloads is reported once.
    if (!this.problems.includes(problem)) this.problems.push(problem);
  }
}
