import type { ConfigSchema } from './config-var';

/** One row of the configuration documentation. */
export interface ConfigVarDescription {
  readonly name: string;
  readonly description: string;
  readonly expected: string;
  readonly required: boolean;
  readonly default?: string;
}

/** The schema as data: for README tables and for checking docker-compose files against it. */
export function describeConfigSchema(schema: ConfigSchema): ConfigVarDescription[] {
  return Object.entries(schema).map(([name, spec]) => ({
    name,
    description: spec.description,
    expected: spec.expected,
    required: spec.defaultValue === undefined && !spec.optional,
    ...(spec.defaultValue !== undefined && { default: String(spec.defaultValue) }),
  }));
}

/** A Markdown table of the schema, ready to paste in a README. */
export function configSchemaToMarkdown(schema: ConfigSchema): string {
  const rows = describeConfigSchema(schema).map(
    (v) =>
      `| \`${v.name}\` | ${v.description} | ${v.expected} | ${v.default !== undefined ? `\`${v.default}\`` : v.required ? 'required' : '—'} |`,
  );
  return ['| variable | what | value | default |', '|---|---|---|---|', ...rows].join('\n');
}
