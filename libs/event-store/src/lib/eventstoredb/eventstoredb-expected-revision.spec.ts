import { ANY, NO_STREAM, STREAM_EXISTS } from '@eventstore/db-client';
import {
  fromEventStoreDbCurrentRevision,
  toEventStoreDbExpectedRevision,
} from './eventstoredb-expected-revision';

describe('EventStoreDB expected revision mapping', () => {
  it.each([
    ['any', ANY],
    ['no_stream', NO_STREAM],
    ['stream_exists', STREAM_EXISTS],
    [0, BigInt(0)],
    [41, BigInt(41)],
  ] as const)('maps %p to the client value %p', (ours, theirs) => {
    expect(toEventStoreDbExpectedRevision(ours)).toEqual(theirs);
  });

  it('maps the current revision back: a number, or -1 when there is no stream', () => {
    expect(fromEventStoreDbCurrentRevision(BigInt(7))).toBe(7);
    expect(fromEventStoreDbCurrentRevision(NO_STREAM)).toBe(-1);
  });
});
