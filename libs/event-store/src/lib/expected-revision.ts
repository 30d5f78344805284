import type { ExpectedRevision } from './types';

/** Whether a stream at revision `actual` (-1: it does not exist) satisfies what the writer expected. */
export function matchesExpectedRevision(expected: ExpectedRevision, actual: number): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return actual === -1;
    case 'stream_exists':
      return actual >= 0;
    default:
      return expected === actual;
  }
}
