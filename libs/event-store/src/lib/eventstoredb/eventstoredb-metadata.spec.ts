import { fromEventStoreDbMetadata, toEventStoreDbMetadata } from './eventstoredb-metadata';

describe('EventStoreDB metadata mapping', () => {
  const ours = {
    correlationId: 'corr-1',
    causationId: 'cause-1',
    actor: { kind: 'user', accountId: 'acc-1' },
    orgId: 'org-1',
  };

  it('writes correlation and causation ids under the keys EventStoreDB projections read, keeping the rest', () => {
    expect(toEventStoreDbMetadata(ours, { schemaVersion: 2 })).toEqual({
      $correlationId: 'corr-1',
      $causationId: 'cause-1',
      actor: { kind: 'user', accountId: 'acc-1' },
      orgId: 'org-1',
      schemaVersion: 2,
    });
  });

  it('stores occurredAt only when the writer chose it', () => {
    expect(toEventStoreDbMetadata({}, { schemaVersion: 1 })).toEqual({ schemaVersion: 1 });
    expect(
      toEventStoreDbMetadata({}, { schemaVersion: 1, occurredAt: '2024-01-02T03:04:05.000Z' }),
    ).toEqual({
      schemaVersion: 1,
      occurredAt: '2024-01-02T03:04:05.000Z',
    });
  });

  it('reads back exactly what was written', () => {
    const written = toEventStoreDbMetadata(ours, {
      schemaVersion: 3,
      occurredAt: '2024-01-02T03:04:05.000Z',
    });
    expect(fromEventStoreDbMetadata(JSON.parse(JSON.stringify(written)))).toEqual({
      metadata: ours,
      schemaVersion: 3,
      occurredAt: '2024-01-02T03:04:05.000Z',
    });
  });

  it('tolerates events written by other tools: no metadata, binary metadata, no or odd schema version', () => {
    expect(fromEventStoreDbMetadata(undefined)).toEqual({ metadata: {}, schemaVersion: 1 });
    expect(fromEventStoreDbMetadata(new Uint8Array([1, 2]))).toEqual({
      metadata: {},
      schemaVersion: 1,
    });
    expect(fromEventStoreDbMetadata({ $correlationId: 'c', schemaVersion: 'two', x: 1 })).toEqual({
      metadata: { correlationId: 'c', x: 1 },
      schemaVersion: 1,
      occurredAt: undefined,
    });
  });
});
