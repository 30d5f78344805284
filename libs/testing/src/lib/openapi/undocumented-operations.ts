import type { OpenApiDocument } from './openapi-conformance';

interface Parameter {
  readonly name?: string;
  readonly in?: string;
}

interface Operation {
  readonly parameters?: Parameter[];
  readonly responses?: Record<
    string,
    {
      readonly description?: string;
      readonly content?: Record<string, { schema?: unknown }>;
    }
  >;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

/**
 * What a client generator would miss, operation by operation: no success answer described, a success
 * answer with a body but no schema (only 204 and redirects may have none), a `{parameter}` of the
 * path that is not declared. Empty when every operation is documented.
 */
export function undocumentedOperations(doc: OpenApiDocument): string[] {
  const problems: string[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const operation = item[method] as Operation | undefined;
      if (!operation) continue;
      const where = `${method.toUpperCase()} ${path}`;
      const successes = Object.entries(operation.responses ?? {}).filter(([status]) =>
        /^2/.test(status),
      );
      if (successes.length === 0) problems.push(`${where}: no success answer documented`);
      for (const [status, response] of successes) {
        if (!response.description) problems.push(`${where} → ${status}: no description`);
        const bodyless = status === '204' || response.description?.startsWith('No body');
        const schemas = Object.values(response.content ?? {}).filter(
          (media) => media.schema !== undefined,
        );
        if (!bodyless && schemas.length === 0)
          problems.push(`${where} → ${status}: no schema for the body`);
        if (bodyless && response.content)
          problems.push(`${where} → ${status}: says no body but declares content`);
      }
      for (const name of path.match(/\{[^}]+\}/g) ?? []) {
        const bare = name.slice(1, -1);
        if (!operation.parameters?.some((p) => p.in === 'path' && p.name === bare))
          problems.push(`${where}: path parameter ${bare} not declared`);
      }
    }
  }
  return problems;
}

function describesShape(schema: unknown): boolean {
  if (typeof schema !== 'object' || schema === null) return false;
  return ['type', '$ref', 'oneOf', 'anyOf', 'allOf', 'items'].some((keyword) => keyword in schema);
}
