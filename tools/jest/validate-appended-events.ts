// Jest setup of every project (jest.preset.js): every event a test appends, through any event store
// adapter, must validate against the committed JSON Schema of its type and version
// (libs/contracts/schemas/internal). A violation fails the test that appended it, naming the event type,
// its stream and the schema error.
import Ajv, { type ValidateFunction } from 'ajv';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const WORKSPACE = join(__dirname, '..', '..');
const SCHEMAS = join(WORKSPACE, 'libs', 'contracts', 'schemas', 'internal');
const INSPECTOR = Symbol.for('@accounts/event-store/append-inspector');

interface Prepared {
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: string;
  readonly metadata: string;
}

interface Checkers {
  readonly data: ValidateFunction;
  readonly metadata: ValidateFunction;
}

const ajv = new Ajv({ allErrors: true, strict: false });
let files: Map<string, string> | undefined;
const compiled = new Map<string, Checkers>();

/** `Type.vN` -> schema file, read once per test file. */
function schemaFiles(): Map<string, string> {
  if (files) return files;
  files = new Map();
  if (!existsSync(SCHEMAS)) return files;
  for (const group of readdirSync(SCHEMAS))
    for (const name of readdirSync(join(SCHEMAS, group)))
      if (name.endsWith('.schema.json'))
        files.set(name.slice(0, -'.schema.json'.length), join(SCHEMAS, group, name));
  return files;
}

function checkersOf(type: string, version: number): Checkers | undefined {
  const key = `${type}.v${version}`;
  const known = compiled.get(key);
  if (known) return known;
  const file = schemaFiles().get(key);
  if (!file) return undefined;
  const schema = JSON.parse(readFileSync(file, 'utf8'));
  const checkers = {
    data: ajv.compile(schema.properties.data),
    metadata: ajv.compile(schema.properties.metadata),
  };
  compiled.set(key, checkers);
  return checkers;
}

const knowsType = (type: string): boolean =>
  [...schemaFiles().keys()].some((key) => key.startsWith(`${type}.v`));

/**
 * The libraries that know nothing of the domain test their machinery with placeholder events (partial
 * payloads of real type names included): not checked. Service tests (apps/, tools/) must append only
 * known types; other libraries' tests may append made-up types, but a known type must validate.
 */
const GENERIC = [
  'libs/event-store/',
  'libs/messaging/',
  'libs/projections/',
  'libs/event-sourcing/',
];
type Scope = 'unchecked' | 'known-types' | 'strict';

function scopeOf(testPath: string | undefined): Scope {
  if (!testPath) return 'known-types';
  const path = relative(WORKSPACE, testPath).split(sep).join('/');
  if (GENERIC.some((prefix) => path.startsWith(prefix))) return 'unchecked';
  return path.startsWith('apps/') || path.startsWith('tools/compose/') ? 'strict' : 'known-types';
}

/** What is wrong with one event, or undefined. */
export function schemaViolation(event: Prepared, testPath?: string): string | undefined {
  const scope = scopeOf(testPath);
  if (scope === 'unchecked') return undefined;
  const checkers = checkersOf(event.type, event.schemaVersion);
  if (!checkers) {
    if (knowsType(event.type))
      return `no schema for ${event.type} v${event.schemaVersion} (a version without a schema)`;
    return scope === 'strict'
      ? `no schema for event type ${event.type}: add it to libs/contracts`
      : undefined;
  }
  for (const part of ['data', 'metadata'] as const) {
    const check = checkers[part];
    if (!check(JSON.parse(event[part]))) {
      const error = check.errors?.[0];
      const where = `${part}${error?.instancePath ?? ''}`;
      const extra =
        error?.params && 'additionalProperty' in error.params
          ? ` (${String(error.params['additionalProperty'])})`
          : '';
      return `${where} ${error?.message ?? 'is invalid'}${extra}`;
    }
  }
  return undefined;
}

const violations: string[] = [];

(globalThis as Record<symbol, unknown>)[INSPECTOR] = (
  streamId: string,
  events: readonly Prepared[],
) => {
  const testPath = expect.getState().testPath;
  for (const event of events) {
    const problem = schemaViolation(event, testPath);
    if (problem)
      violations.push(`${event.type} v${event.schemaVersion} appended to ${streamId}: ${problem}`);
  }
};

/** The violations recorded since the last test ended, cleared (for the spec that proves the hook fires). */
export function takeViolations(): string[] {
  return violations.splice(0);
}

afterEach(() => {
  if (violations.length === 0) return;
  const found = takeViolations();
  throw new Error(
    `${found.length} appended event(s) do not match their JSON Schema (libs/contracts/schemas/internal):\n  ${found.slice(0, 10).join('\n  ')}`,
  );
});
