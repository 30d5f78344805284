/** One environment variable: how to read it, and what to tell a person who set it wrong. */
export interface ConfigVar<T> {
  /** One line for the README's configuration table. */
  readonly description: string;
  /** What a valid value looks like, e.g. "an integer between 1 and 65535". */
  readonly expected: string;
  /** The value used when the variable is unset (or empty). */
  readonly defaultValue?: T;
  /** Unset is allowed and reads as `undefined`. */
  readonly optional: boolean;
  /** A secret's value is never repeated in an error message. */
  readonly secret: boolean;
  /** Returns the typed value or throws a `ConfigValueError` saying what is wrong. */
  parse(raw: string): T;
}

/** Keys are the environment variable names. */
export type ConfigSchema = Readonly<Record<string, ConfigVar<unknown>>>;

/** The typed configuration object a schema produces. */
export type ConfigOf<S extends ConfigSchema> = {
  readonly [K in keyof S]: S[K] extends ConfigVar<infer T> ? T : never;
};

/** Thrown by a parser; the loader adds the variable name and collects every problem. */
export class ConfigValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigValueError';
  }
}
