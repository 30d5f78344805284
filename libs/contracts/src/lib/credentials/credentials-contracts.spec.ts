import {
  apiCredentialsStreamId,
  CredentialsEventSchemaVersions,
  CredentialsEventTypes,
  isCredentialsEventType,
} from './credentials-event-types';

describe('credentials contracts', () => {
  it('names the stream of an account and knows its three event types', () => {
    expect(apiCredentialsStreamId('a1')).toBe('apicredentials-a1');
    expect(Object.keys(CredentialsEventTypes)).toEqual(Object.keys(CredentialsEventSchemaVersions));
    expect(isCredentialsEventType('ApiCredentialRevoked')).toBe(true);
    expect(isCredentialsEventType('AccountDisabled')).toBe(false);
  });
});
