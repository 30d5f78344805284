/** Wrong or missing notifier variables, all of them, so a person fixes them in one go. */
export class NotifierConfigError extends Error {
  readonly code = 'NOTIFY-invalid-config';

  constructor(readonly problems: readonly string[]) {
    super(
      [
        'Invalid notifier configuration (environment variables):',
        ...problems.map((p) => `  - ${p}`),
      ].join('\n'),
    );
    this.name = 'NotifierConfigError';
  }
}
