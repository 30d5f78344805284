import { DomainError } from './domain-error';

/** What a caller gets when retries did not win the race against other writers: a 409. */
export function concurrencyConflict(streamId: string, attempts: number): DomainError {
  return new DomainError(
    'conflict',
    'COMMAND-concurrency-conflict',
    'The account was changed by someone else at the same time; try again',
    { streamId, attempts },
  );
}

/** Checks the code rather than the class, so that two copies of the event-store module still agree. */
export function isWrongExpectedVersion(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'STORE-wrong-expected-version';
}
