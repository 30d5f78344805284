import { DomainError } from '@accounts/event-sourcing';

/** Runs a function and returns the DomainError it throws: kind, code and field together. */
export function refusal(run: () => unknown): {
  kind: DomainError['kind'];
  code: string;
  field?: unknown;
} {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError)
      return {
        kind: error.kind,
        code: error.code,
        ...(error.details?.field === undefined ? {} : { field: error.details.field }),
      };
    throw error;
  }
  throw new Error('expected a DomainError');
}

/** The DomainError thrown, for checks on its details. */
export function thrown(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}
