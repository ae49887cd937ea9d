/** The parts of an OpenAPI 3 document the fuzzers read: request bodies, query and path parameters. */
export interface Schema {
  type?: string;
  format?: string;
  enum?: unknown[];
  pattern?: string;
  maxLength?: number;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  items?: Schema;
  nullable?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  $ref?: string;
  allOf?: Schema[];
}

interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required?: boolean;
  schema: Schema;
}

interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface Route {
  method: Method;
  /** The OpenAPI path, e.g. /api/tickets/{id}. */
  path: string;
  key: string;
  pathParams: string[];
  query: Record<string, Schema>;
  /** The application/json body schema (resolved), when the route takes one. */
  body?: Schema;
  /** The schema's name in components.schemas, or null for a body without a $ref. */
  bodyName?: string | null;
}

/** Follows $ref and single-element allOf, so a schema can be read directly. */
export function resolve(schema: Schema, doc: OpenApiDocument): Schema {
  if (schema.$ref) return resolve(doc.components.schemas[schema.$ref.split('/').pop()!], doc);
  if (schema.allOf?.length === 1) {
    const { allOf, ...rest } = schema;
    return { ...resolve(allOf[0], doc), ...rest };
  }
  return schema;
}

export function routesOf(doc: OpenApiDocument): Route[] {
  const routes: Route[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const params = op.parameters ?? [];
      const json = op.requestBody?.content?.['application/json']?.schema;
      routes.push({
        method: method as Method,
        path,
        key: `${method.toUpperCase()} ${path}`,
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        query: Object.fromEntries(params.filter((p) => p.in === 'query').map((p) => [p.name, p.schema])),
        body: json ? resolve(json, doc) : undefined,
        bodyName: json ? (json.$ref?.split('/').pop() ?? null) : undefined,
      });
    }
  }
  return routes;
}

/** A leaf or nested field of a body: its path from the root and its schema. */
export interface Field {
  path: string[];
  schema: Schema;
  required: boolean;
}

/** Every property of an object schema and of the objects nested in it (one level of $ref deep is all DTOs use). */
export function fieldsOf(schema: Schema, doc: OpenApiDocument, prefix: string[] = []): Field[] {
  const out: Field[] = [];
  for (const [name, raw] of Object.entries(schema.properties ?? {})) {
    const s = resolve(raw, doc);
    const field = { path: [...prefix, name], schema: s, required: (schema.required ?? []).includes(name) };
    out.push(field);
    if (s.properties && prefix.length < 3) out.push(...fieldsOf(s, doc, field.path));
  }
  return out;
}

/** A value each schema accepts, for the parts of a payload that are not under attack. */
export function exampleOf(schema: Schema, doc: OpenApiDocument): unknown {
  if (schema.enum?.length) return schema.enum[0];
  if (schema.properties) {
    const out: Record<string, unknown> = {};
    for (const name of schema.required ?? [])
      out[name] = exampleOf(resolve(schema.properties[name], doc), doc);
    return out;
  }
  switch (schema.type) {
    case 'number':
    case 'integer':
      return schema.minimum ?? 1;
    case 'boolean':
      return true; // dryRun: true wherever a flag could change things
    case 'array':
      return [];
    default:
      break; // strings and objects follow
  }
  if (schema.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
  if (schema.format === 'date-time') return new Date().toISOString();
  if (schema.format === 'email') return 'fuzz.subject@example.test';
  return 'a fuzzing value'.padEnd(schema.minLength ?? 0, '.').slice(0, schema.maxLength ?? 1000);
}
