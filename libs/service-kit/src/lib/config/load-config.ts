import { ConfigError, type ConfigProblem } from './config-error';
import { ConfigValueError, type ConfigOf, type ConfigSchema } from './config-var';

/**
 * Reads and validates every variable of `schema` from `env`. An empty value counts as unset
 * (docker-compose writes `VAR=` for "not set"). Throws a ConfigError naming every bad variable.
 */
export function loadConfig<S extends ConfigSchema>(
  schema: S,
  env: Readonly<Record<string, string | undefined>> = process.env,
): ConfigOf<S> {
  const config: Record<string, unknown> = {};
  const problems: ConfigProblem[] = [];
  for (const [name, spec] of Object.entries(schema)) {
    const raw = env[name]?.trim();
    if (raw === undefined || raw === '') {
      if (spec.defaultValue !== undefined) config[name] = spec.defaultValue;
      else if (spec.optional) config[name] = undefined;
      else problems.push({ variable: name, problem: `missing; expected ${spec.expected}` });
      continue;
    }
    try {
      config[name] = spec.parse(raw);
    } catch (error) {
      if (!(error instanceof ConfigValueError)) throw error;
      const got = spec.secret ? '(value hidden: secret)' : `got "${raw}"`;
      problems.push({ variable: name, problem: `expected ${spec.expected}, ${got}` });
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config as ConfigOf<S>;
}
