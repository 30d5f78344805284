import { DomainError } from '@accounts/event-sourcing';

/** Runs a parser and returns the DomainError it throws, to check code, kind and field together. */
export function refusal(parse: () => unknown): {
  kind: DomainError['kind'];
  code: string;
  field?: unknown;
} {
  try {
    parse();
  } catch (error) {
    if (error instanceof DomainError)
      return {
        kind: error.kind,
        code: error.code,
        field: error.details?.field,
      };
    throw error;
  }
  throw new Error('expected a DomainError');
}
