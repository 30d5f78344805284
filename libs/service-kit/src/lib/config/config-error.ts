/** One wrong or missing environment variable. */
export interface ConfigProblem {
  readonly variable: string;
  readonly problem: string;
}

/** Every problem found in the environment, so a person fixes them all in one go. */
export class ConfigError extends Error {
  readonly code = 'CONFIG-invalid-environment';

  constructor(readonly problems: readonly ConfigProblem[]) {
    super(
      [
        'Invalid configuration (environment variables):',
        ...problems.map((p) => `  - ${p.variable}: ${p.problem}`),
      ].join('\n'),
    );
    this.name = 'ConfigError';
  }
}
