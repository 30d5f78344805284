import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export const WORKSPACE = join(__dirname, '..', '..');

export interface ComposeService {
  readonly image?: string;
  readonly build?: {
    readonly context: string;
    readonly dockerfile: string;
    readonly args?: Record<string, string>;
  };
  readonly environment?: Record<string, string>;
  readonly healthcheck?: { readonly test: readonly string[] };
  readonly depends_on?: Record<string, { readonly condition: string }>;
  readonly ports?: readonly string[];
  readonly volumes?: readonly string[];
}

export interface ComposeFile {
  readonly services: Record<string, ComposeService>;
  readonly volumes?: Record<string, unknown>;
}

/** docker-compose.yml (or another compose file of the workspace, by name) as written (YAML merge keys applied, `${...}` left in place). */
export function readComposeFile(name = 'docker-compose.yml'): { text: string; file: ComposeFile } {
  const text = readFileSync(join(WORKSPACE, name), 'utf8');
  return { text, file: parse(text, { merge: true }) as ComposeFile };
}

/** The .env that tools/compose/make-env.mjs prints, as a map (what `docker compose` would read). */
export function generatedDotEnv(): Record<string, string> {
  const out = execFileSync(process.execPath, [join(__dirname, 'make-env.mjs')], {
    encoding: 'utf8',
  });
  return Object.fromEntries(
    out
      .trim()
      .split('\n')
      .map((line) => /^([A-Z0-9_]+)='(.*)'$/.exec(line))
      .map((match) => {
        if (!match) throw new Error("make-env.mjs printed a line that is not NAME='value'");
        return [match[1], match[2]];
      }),
  );
}

/** Compose's interpolation: `${VAR}`, `${VAR:-default}`, `${VAR:?error}` (`$$` is a literal `$`). */
export function interpolate(
  value: string,
  env: Readonly<Record<string, string | undefined>>,
): string {
  return value.replace(
    /\$\$|\$\{([A-Z0-9_]+)(?:(:-|:\?)([^}]*))?\}/g,
    (whole, name?: string, op?: string, arg?: string) => {
      if (whole === '$$') return '$';
      const set = env[name ?? ''];
      if (set !== undefined && set !== '') return set;
      if (op === ':-') return arg ?? '';
      if (op === ':?') throw new Error(`${name} is required: ${arg}`);
      return '';
    },
  );
}

/** A service's environment as the container sees it. */
export function environmentOf(
  service: ComposeService,
  env: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(service.environment ?? {}).map(([name, value]) => [
      name,
      interpolate(String(value), env),
    ]),
  );
}
