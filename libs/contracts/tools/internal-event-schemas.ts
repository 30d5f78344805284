import { join } from 'node:path';
import * as ts from 'typescript';
import {
  InternalEventCatalog,
  internalSchemaFileOf,
  SCHEMA_ID_BASE,
  type JsonSchema,
} from '../src';

const SOURCE = join(__dirname, '..', 'src', 'index.ts');

/**
 * JSON Schemas (draft-07, closed) of every internal store event type and version, generated from the
 * TypeScript types of libs/contracts with the compiler's own type checker, so they cannot drift from
 * what the services compile against. Path relative to libs/contracts/schemas/ -> schema.
 */
export function internalEventSchemas(): Map<string, JsonSchema> {
  const program = ts.createProgram([SOURCE], {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const index = program.getSourceFile(SOURCE);
  if (!index) throw new Error(`cannot read ${SOURCE}`);
  const exported = new Map(
    checker.getExportsOfModule(checker.getSymbolAtLocation(index)!).map((s) => [s.name, s]),
  );
  const typeNamed = (name: string): ts.Type => {
    const symbol = exported.get(name);
    if (!symbol) throw new Error(`libs/contracts exports no type ${name}`);
    return checker.getDeclaredTypeOfSymbol(
      symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol,
    );
  };
  const convert = converter(checker);
  const metadata = convert(typeNamed('EventMetadata'), 'metadata');
  const schemas = new Map<string, JsonSchema>();
  for (const group of InternalEventCatalog) {
    const union = typeNamed(group.union);
    const members = union.isUnion() ? union.types : [union];
    for (const member of members) {
      const type = literalOf(checker, member, 'type');
      const dataSymbol = member.getProperty('data');
      if (!type || !dataSymbol)
        throw new Error(`${group.union}: a member without a literal type or data`);
      const version = group.versions[type];
      if (version === undefined)
        throw new Error(`${type}: no schemaVersion in the catalog of ${group.group}`);
      const put = (v: number, data: JsonSchema) => {
        const path = internalSchemaFileOf(group.group, type, v);
        schemas.set(path, envelopeSchema(path, type, v, group.group, data, metadata));
      };
      put(version, convert(checker.getTypeOfSymbol(dataSymbol), `${type}.data`));
      for (const [v, name] of Object.entries(group.earlier?.[type] ?? {}))
        put(Number(v), convert(typeNamed(name), `${type}.data`));
    }
  }
  return schemas;
}

function envelopeSchema(
  path: string,
  type: string,
  version: number,
  group: string,
  data: JsonSchema,
  metadata: JsonSchema,
): JsonSchema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `${SCHEMA_ID_BASE}${path}`,
    title: `${type} v${version} (internal, ${group})`,
    description: `A store event of ${group}: the envelope of the event store, never published as it is (see the public schemas).`,
    type: 'object',
    properties: {
      eventId: { type: 'string', minLength: 1 },
      type: { enum: [type] },
      schemaVersion: { enum: [version] },
      streamId: { type: 'string', minLength: 1 },
      revision: { type: 'integer', minimum: 0 },
      position: { type: 'integer', minimum: 1 },
      occurredAt: { type: 'string', minLength: 1 },
      data,
      metadata,
    },
    required: [
      'eventId',
      'type',
      'schemaVersion',
      'streamId',
      'revision',
      'position',
      'occurredAt',
      'data',
      'metadata',
    ],
    additionalProperties: false,
  };
}

function literalOf(checker: ts.TypeChecker, type: ts.Type, property: string): string | undefined {
  const symbol = type.getProperty(property);
  const value = symbol && checker.getTypeOfSymbol(symbol);
  return value?.isStringLiteral() ? value.value : undefined;
}

const has = (type: ts.Type, flag: ts.TypeFlags): boolean => (type.flags & flag) !== 0;

/** TypeScript type -> JSON Schema, for the shapes event data uses (no functions, no classes). */
function converter(checker: ts.TypeChecker): (type: ts.Type, where: string) => JsonSchema {
  const describe = (symbol: ts.Symbol): string =>
    ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
  const convert = (type: ts.Type, where: string): JsonSchema => {
    if (has(type, ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return {};
    if (type.isUnion())
      return union(
        type.types.filter((t) => !has(t, ts.TypeFlags.Undefined)),
        where,
      );
    if (has(type, ts.TypeFlags.Null)) return { type: 'null' };
    if (type.isStringLiteral() || type.isNumberLiteral()) return { enum: [type.value] };
    if (has(type, ts.TypeFlags.BooleanLiteral))
      return { enum: [checker.typeToString(type) === 'true'] };
    if (has(type, ts.TypeFlags.String | ts.TypeFlags.TemplateLiteral)) return { type: 'string' };
    if (has(type, ts.TypeFlags.Number)) return { type: 'number' };
    if (has(type, ts.TypeFlags.Boolean)) return { type: 'boolean' };
    if (checker.isTupleType(type)) {
      const items = checker
        .getTypeArguments(type as ts.TypeReference)
        .map((t, i) => convert(t, `${where}[${i}]`));
      return {
        type: 'array',
        items,
        minItems: items.length,
        maxItems: items.length,
      };
    }
    if (checker.isArrayType(type))
      return {
        type: 'array',
        items: convert(checker.getTypeArguments(type as ts.TypeReference)[0], `${where}[]`),
      };
    if (has(type, ts.TypeFlags.Object) || type.isIntersection()) return object(type, where);
    throw new Error(`${where}: cannot express ${checker.typeToString(type)} as a JSON Schema`);
  };
  const union = (types: ts.Type[], where: string): JsonSchema => {
    if (types.length === 1) return convert(types[0], where);
    const booleans = types.filter((t) => has(t, ts.TypeFlags.BooleanLiteral));
    const rest = types.filter((t) => !has(t, ts.TypeFlags.BooleanLiteral));
    const parts = [
      ...(booleans.length === 2 ? [{ type: 'boolean' }] : booleans.map((t) => convert(t, where))),
      ...rest.map((t) => convert(t, where)),
    ];
    const enums = parts.every((p) => Array.isArray(p['enum']) || p['type'] === 'null');
    if (enums)
      return {
        enum: parts.flatMap((p) => (p['type'] === 'null' ? [null] : (p['enum'] as unknown[]))),
      };
    if (parts.every((p) => Object.keys(p).length === 1 && typeof p['type'] === 'string'))
      return { type: parts.map((p) => p['type'] as string) };
    return { anyOf: parts };
  };
  const object = (type: ts.Type, where: string): JsonSchema => {
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    for (const property of checker.getPropertiesOfType(type)) {
      const schema = convert(checker.getTypeOfSymbol(property), `${where}.${property.name}`);
      const description = describe(property);
      properties[property.name] = description ? { ...schema, description } : schema;
      if (!(property.flags & ts.SymbolFlags.Optional)) required.push(property.name);
    }
    const index = checker.getIndexInfosOfType(type)[0];
    return {
      type: 'object',
      properties,
      required,
      additionalProperties: index ? convert(index.type, `${where}[key]`) : false,
    };
  };
  return convert;
}
