import Ajv, { type ValidateFunction } from 'ajv';

/** The parts of an OpenAPI 3.0 document the checks read (what SwaggerModule serves at /docs-json). */
export interface OpenApiDocument {
  readonly paths: Record<string, Record<string, unknown>>;
  readonly components?: { readonly schemas?: Record<string, unknown> };
}

/** One HTTP answer, as supertest gives it or as a server sends it. */
export interface Answer {
  readonly method: string;
  /** The request path; a query string is ignored. */
  readonly path: string;
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The parsed JSON body, when the answer is JSON. */
  readonly body: unknown;
  /** The raw body; empty when there was none. */
  readonly text: string;
}

interface ResponseObject {
  readonly content?: Record<string, { readonly schema?: unknown }>;
  readonly headers?: Record<string, { readonly required?: boolean }>;
}

interface Operation {
  readonly responses?: Record<string, ResponseObject>;
}

/** The document's operation for this method and path: literal segments win over `{parameters}`, as in the router. */
export function findOperation(
  doc: OpenApiDocument,
  method: string,
  path: string,
): { readonly template: string; readonly operation: Operation } | undefined {
  const segments = (path.split('?')[0] ?? '').replace(/\/+$/, '').split('/');
  let best: { template: string; operation: Operation; params: number } | undefined;
  for (const [template, item] of Object.entries(doc.paths)) {
    const operation = item[method.toLowerCase()] as Operation | undefined;
    if (!operation) continue;
    const parts = template.replace(/\/+$/, '').split('/');
    if (parts.length !== segments.length) continue;
    let params = 0;
    const matches = parts.every((part, i) => {
      if (/^\{[^}]+\}$/.test(part)) return ++params > 0 && segments[i] !== '';
      return part === decodeURIComponentSafe(segments[i] ?? '');
    });
    if (matches && (!best || params < best.params)) best = { template, operation, params };
  }
  return best;
}

/**
 * What in this answer contradicts the document: an undocumented status, a body where none is
 * documented (or none where one is), another media type, a required header missing, a JSON body
 * outside its schema. Properties the schema does not name count as a contradiction too (closed
 * objects), so a field a generated client cannot see is caught. An answer to a path the document
 * does not have (e.g. a 404 for an unknown route) is not checked.
 */
export function openApiMismatches(doc: OpenApiDocument, answer: Answer): string[] {
  const found = findOperation(doc, answer.method, answer.path);
  if (!found) return [];
  const where = `${answer.method.toUpperCase()} ${found.template} → ${answer.status}`;
  const responses = found.operation.responses ?? {};
  const documented =
    responses[String(answer.status)] ??
    responses[`${String(answer.status)[0]}XX`] ??
    responses['default'];
  if (!documented) {
    return [`${where}: status not documented (documented: ${Object.keys(responses).join(', ')})`];
  }
  const problems: string[] = [];
  for (const [name, header] of Object.entries(documented.headers ?? {})) {
    if (header.required && answer.headers[name.toLowerCase()] === undefined)
      problems.push(`${where}: documented header ${name} is missing`);
  }
  const mediaTypes = Object.keys(documented.content ?? {});
  const hasBody = answer.text.length > 0 && answer.method.toUpperCase() !== 'HEAD';
  if (!hasBody) {
    if (mediaTypes.length > 0)
      problems.push(`${where}: no body, documented: ${mediaTypes.join(', ')}`);
    return problems;
  }
  if (mediaTypes.length === 0)
    return [...problems, `${where}: a body (${answer.text.slice(0, 80)}), none documented`];
  const contentType = (String(answer.headers['content-type'] ?? '').split(';')[0] ?? '')
    .trim()
    .toLowerCase();
  const mediaType =
    mediaTypes.find((m) => m === contentType) ?? mediaTypes.find((m) => m === '*/*');
  if (!mediaType)
    return [
      ...problems,
      `${where}: content type ${contentType}, documented: ${mediaTypes.join(', ')}`,
    ];
  const schema = documented.content?.[mediaType]?.schema;
  if (schema === undefined || !/json$/.test(contentType)) return problems;
  const validate = validatorFor(
    doc,
    `${found.template} ${answer.method} ${answer.status} ${mediaType}`,
    schema,
  );
  if (!validate(answer.body)) {
    for (const error of validate.errors ?? []) {
      const extra =
        error.keyword === 'additionalProperties'
          ? ` (${String(error.params['additionalProperty'])})`
          : '';
      problems.push(`${where}: body${error.instancePath} ${error.message}${extra}`);
    }
  }
  return problems;
}

const validators = new WeakMap<OpenApiDocument, Map<string, ValidateFunction>>();

function validatorFor(doc: OpenApiDocument, key: string, schema: unknown): ValidateFunction {
  let cache = validators.get(doc);
  if (!cache) validators.set(doc, (cache = new Map()));
  let validate = cache.get(key);
  if (!validate) {
    const components = { schemas: closed(doc.components?.schemas ?? {}) };
    // `#/components/schemas/…` resolves against the root of the schema compiled, so the root carries them.
    validate = ajv().compile({ ...(closed(schema) as object), components });
    cache.set(key, validate);
  }
  return validate;
}

/** Every object schema that lists its properties and says nothing about others refuses others. */
function closed(schema: unknown, insideAllOf = false): unknown {
  if (Array.isArray(schema)) return schema.map((s) => closed(s, insideAllOf));
  if (typeof schema !== 'object' || schema === null) return schema;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'example' || key === 'examples') copy[key] = value;
    else if (key === 'properties' && typeof value === 'object' && value !== null)
      copy[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, closed(v)]));
    else copy[key] = closed(value, key === 'allOf');
  }
  // A member of allOf cannot be closed: the other members add their properties.
  if ('properties' in copy && !('additionalProperties' in copy) && !insideAllOf)
    copy['additionalProperties'] = false;
  return copy;
}

function ajv(): Ajv {
  const instance = new Ajv({ strict: false, allErrors: true });
  instance.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
  instance.addFormat(
    'date-time',
    (s: string) =>
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i.test(s) &&
      !Number.isNaN(Date.parse(s)),
  );
  instance.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
  instance.addFormat('email', /^[^\s@]+@[^\s@]+$/);
  instance.addFormat('uri', (s: string) => URL.canParse(s));
  return instance;
}

function decodeURIComponentSafe(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The supertest answer as the checks read it. */
export function answerOf(res: {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: unknown;
  readonly text?: string;
  readonly req: { readonly method: string; readonly path: string };
}): Answer {
  return {
    method: res.req.method,
    path: res.req.path,
    status: res.status,
    headers: res.headers,
    body: res.body,
    text: res.text || rawBody(res.body),
  };
}

/** superagent keeps a body of another media type (e.g. application/x-ndjson) as a Buffer, or as a custom parser's string. */
function rawBody(body: unknown): string {
  if (typeof body === 'string') return body;
  return Buffer.isBuffer(body) ? body.toString('utf8') : '';
}

/** Throws, listing each contradiction, when a supertest answer does not match the served document. */
export function expectMatchesOpenApi(
  doc: OpenApiDocument,
  res: Parameters<typeof answerOf>[0],
): void {
  const problems = openApiMismatches(doc, answerOf(res));
  if (problems.length > 0)
    throw new Error(`The answer contradicts the OpenAPI document:\n${problems.join('\n')}`);
}
