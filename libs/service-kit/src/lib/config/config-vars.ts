import { ConfigValueError, type ConfigVar } from './config-var';

/** Options common to every variable. Without `default` and `optional` the variable is required. */
export interface VarOptions<T> {
  readonly description: string;
  readonly default?: T;
  readonly optional?: boolean;
  readonly secret?: boolean;
}

/** `string` when the variable has a default or is required; `string | undefined` when only optional. */
type Value<T, O> = O extends { default: T } ? T : O extends { optional: true } ? T | undefined : T;

function variable<T, O extends VarOptions<T>>(
  options: O,
  expected: string,
  parse: (raw: string) => T,
): ConfigVar<Value<T, O>> {
  return {
    description: options.description,
    expected,
    defaultValue: options.default as Value<T, O> | undefined,
    optional: options.optional ?? false,
    secret: options.secret ?? false,
    parse: parse as (raw: string) => Value<T, O>,
  };
}

export function str<O extends VarOptions<string> & { minLength?: number }>(options: O) {
  const minLength = options.minLength ?? 1;
  const expected =
    minLength > 1 ? `a string of at least ${minLength} characters` : 'a non-empty string';
  return variable<string, O>(options, expected, (raw) => {
    if (raw.length < minLength) throw new ConfigValueError(`too short (${raw.length} characters)`);
    return raw;
  });
}

export function int<O extends VarOptions<number> & { min?: number; max?: number }>(options: O) {
  const { min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER } = options;
  const range =
    options.min !== undefined && options.max !== undefined
      ? ` between ${min} and ${max}`
      : options.min !== undefined
        ? ` of at least ${min}`
        : options.max !== undefined
          ? ` of at most ${max}`
          : '';
  return variable<number, O>(options, `an integer${range}`, (raw) => {
    if (!/^-?\d+$/.test(raw)) throw new ConfigValueError('not an integer');
    const value = Number(raw);
    if (value < min || value > max) throw new ConfigValueError('out of range');
    return value;
  });
}

export function port<O extends VarOptions<number>>(options: O) {
  return int({ ...options, min: 1, max: 65535 }) as ConfigVar<Value<number, O>>;
}

export function bool<O extends VarOptions<boolean>>(options: O) {
  return variable<boolean, O>(options, 'true or false', (raw) => {
    const value = raw.toLowerCase();
    if (['true', '1', 'yes'].includes(value)) return true;
    if (['false', '0', 'no'].includes(value)) return false;
    throw new ConfigValueError('not a boolean');
  });
}

export function oneOf<const V extends readonly string[], O extends VarOptions<V[number]>>(
  values: V,
  options: O,
) {
  return variable<V[number], O>(options, `one of ${values.join(', ')}`, (raw) => {
    if (!values.includes(raw)) throw new ConfigValueError('not an allowed value');
    return raw as V[number];
  });
}

/**
 * A URL whose scheme is one of `protocols` (without "://"), e.g. `['http', 'https']`.
 * Multi-host connection strings (`esdb://a:2113,b:2113?tls=true`) are not WHATWG URLs, so only
 * the shape `scheme://rest` is checked.
 */
export function url<O extends VarOptions<string> & { protocols: readonly string[] }>(options: O) {
  const expected = `a URL starting with ${options.protocols.map((p) => `${p}://`).join(' or ')}`;
  return variable<string, O>(options, expected, (raw) => {
    const match = /^([a-z][a-z0-9+.-]*):\/\/(\S+)$/i.exec(raw);
    if (!match) throw new ConfigValueError('not a URL');
    if (!options.protocols.includes(match[1].toLowerCase()))
      throw new ConfigValueError('wrong scheme');
    return raw;
  });
}
