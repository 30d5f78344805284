import Ajv, { type ValidateFunction } from 'ajv';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the platform publishes its JSON Schemas; another team would vendor this folder or fetch it. */
export const DEFAULT_SCHEMAS_DIR = join(
  __dirname,
  '..',
  '..',
  '..',
  'libs',
  'contracts',
  'schemas',
);

/**
 * One validator per `<topic>/<type>.v<version>`, compiled from the schema files only: this consumer
 * knows nothing of the platform's TypeScript.
 */
export class EventSchemas {
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(dir = process.env['SCHEMAS_DIR'] ?? DEFAULT_SCHEMAS_DIR) {
    if (!existsSync(dir)) throw new Error(`SCHEMAS_DIR ${dir} does not exist`);
    const ajv = new Ajv({ allErrors: true });
    for (const topic of readdirSync(dir))
      for (const file of readdirSync(join(dir, topic)).filter((name) =>
        name.endsWith('.schema.json'),
      )) {
        const id = `${topic}/${file.replace('.schema.json', '')}`;
        this.validators.set(
          id,
          ajv.compile(JSON.parse(readFileSync(join(dir, topic, file), 'utf8'))),
        );
      }
  }

  get size(): number {
    return this.validators.size;
  }

  /** Undefined when valid; else why (unknown type or version, or the first schema errors). */
  problem(topic: string, value: unknown): string | undefined {
    const event = value as { type?: unknown; schemaVersion?: unknown } | null;
    if (typeof event !== 'object' || event === null) return 'value is not a JSON object';
    const validate = this.validators.get(
      `${topic}/${String(event.type)}.v${String(event.schemaVersion)}`,
    );
    if (!validate)
      return `no schema for ${String(event.type)} v${String(event.schemaVersion)} on ${topic}`;
    if (validate(value)) return undefined;
    return (validate.errors ?? [])
      .map((error) => `${error.instancePath || '/'} ${error.message}`)
      .join('; ');
  }
}
