/**
 * The few JSON Schema (draft-07) shapes the public contracts need, as plain objects: the committed
 * schema files are these objects written out, so no generator can drift from the code.
 */
export type JsonSchema = { readonly [keyword: string]: unknown };

/** ISO-8601 UTC instant with optional fraction, as every event writes it (`2026-12-01T10:14:31.000Z`). */
export const INSTANT_PATTERN = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z$';

export const text = (description?: string): JsonSchema => ({
  type: 'string',
  minLength: 1,
  ...(description && { description }),
});

export const anyText = (description?: string): JsonSchema => ({
  type: 'string',
  ...(description && { description }),
});

export const instant = (description?: string): JsonSchema => ({
  type: 'string',
  pattern: INSTANT_PATTERN,
  ...(description && { description }),
});

export const integer = (minimum: number, description?: string): JsonSchema => ({
  type: 'integer',
  minimum,
  ...(description && { description }),
});

export const bool = (description?: string): JsonSchema => ({
  type: 'boolean',
  ...(description && { description }),
});

export const oneOfValues = (
  values: readonly (string | number)[],
  description?: string,
): JsonSchema => ({
  enum: [...values],
  ...(description && { description }),
});

export const listOf = (items: JsonSchema, description?: string): JsonSchema => ({
  type: 'array',
  items,
  ...(description && { description }),
});

/** The value or null (a field that is always present, sometimes empty). */
export const orNull = (schema: JsonSchema): JsonSchema => {
  const { description, ...rest } = schema as { description?: string };
  return {
    anyOf: [rest, { type: 'null' }],
    ...(description && { description }),
  };
};

/** A closed object: every listed property is required unless named in `optional`; nothing else is allowed. */
export const object = (
  properties: Readonly<Record<string, JsonSchema>>,
  options: {
    readonly optional?: readonly string[];
    readonly description?: string;
  } = {},
): JsonSchema => ({
  type: 'object',
  ...(options.description && { description: options.description }),
  properties,
  required: Object.keys(properties).filter((name) => !options.optional?.includes(name)),
  additionalProperties: false,
});

/** Durations are always whole seconds; null means "no limit". */
export const seconds = (description: string): JsonSchema =>
  orNull(integer(0, `${description} (seconds; null: no limit)`));
