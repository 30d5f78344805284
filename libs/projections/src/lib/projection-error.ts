/** A misconfigured or interrupted projection. `code` is stable and greppable (`PROJECTION-...`). */
export class ProjectionError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ProjectionError';
  }
}
