import {
  exactAlternatives,
  isSystemEvent,
  matchesFilter,
  toServerFilter,
} from './eventstoredb-filter';

describe('EventStoreDB filters', () => {
  it('puts stream prefixes on the server when given (even with event types)', () => {
    expect(toServerFilter({ streamPrefixes: ['account-'], eventTypes: ['A'] })).toMatchObject({
      filterOn: 'streamName',
      prefixes: ['account-'],
    });
  });

  it('puts event types on the server as an anchored, escaped alternative', () => {
    expect(toServerFilter({ eventTypes: ['Account.Created', 'B'] })).toMatchObject({
      filterOn: 'eventType',
      regex: '^(Account\\.Created|B)$',
    });
    const regex = new RegExp(exactAlternatives(['Account.Created', 'B']));
    expect(regex.test('Account.Created')).toBe(true);
    expect(regex.test('AccountXCreated')).toBe(false);
    expect(regex.test('Bee')).toBe(false);
  });

  it('excludes system events on the server when there is no filter', () => {
    const filter = toServerFilter();
    expect(filter).toMatchObject({ filterOn: 'eventType' });
    const regex = new RegExp((filter as { regex: string }).regex);
    expect(regex.test('$statsCollection')).toBe(false);
    expect(regex.test('AccountCreated')).toBe(true);
  });

  it('checks both parts and drops system events on the client', () => {
    const filter = { streamPrefixes: ['account-'], eventTypes: ['A'] };
    expect(matchesFilter({ streamId: 'account-1', type: 'A' }, filter)).toBe(true);
    expect(matchesFilter({ streamId: 'account-1', type: 'B' }, filter)).toBe(false);
    expect(matchesFilter({ streamId: 'session-1', type: 'A' }, filter)).toBe(false);
    expect(matchesFilter({ streamId: '$ce-account', type: '$>' })).toBe(false);
    expect(isSystemEvent({ streamId: '$stats-127.0.0.1:2113', type: '$statsCollection' })).toBe(
      true,
    );
    expect(isSystemEvent({ streamId: 'account-1', type: '$metadata' })).toBe(true);
  });
});
