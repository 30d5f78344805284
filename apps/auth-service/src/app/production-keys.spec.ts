import { randomBytes } from 'node:crypto';
import { AuthTestApp } from '../testing/auth-test-app';
import { assertProductionKeys } from './production-keys';

describe('auth-service refuses to start in production without shared keys', () => {
  const dataKey = randomBytes(32).toString('base64');

  it('names the missing variables with NODE_ENV=production or EventStoreDB configured', () => {
    expect(() => assertProductionKeys({ NODE_ENV: 'production' })).toThrow(
      'SIGNING_KEYS, TOTP_ENCRYPTION_KEY, ACTIVATION_LINK_KEY must be set in production (NODE_ENV=production or EVENTSTORE_CONNECTION_STRING set): every replica must share the same keys',
    );
    expect(() =>
      assertProductionKeys({
        EVENTSTORE_CONNECTION_STRING: 'esdb://db:2113',
        TOTP_ENCRYPTION_KEY: dataKey,
        ACTIVATION_LINK_KEY: dataKey,
      }),
    ).toThrow(/^SIGNING_KEYS must be set/);
    expect(() =>
      assertProductionKeys({
        NODE_ENV: 'production',
        SIGNING_KEYS: '[{}]',
        ACTIVATION_LINK_KEY: dataKey,
      }),
    ).toThrow(/^TOTP_ENCRYPTION_KEY must be set/);
  });

  it('all three set: nothing to refuse', () => {
    expect(() =>
      assertProductionKeys({
        NODE_ENV: 'production',
        SIGNING_KEYS: '[{}]',
        TOTP_ENCRYPTION_KEY: dataKey,
        ACTIVATION_LINK_KEY: dataKey,
      }),
    ).not.toThrow();
  });

  it('lets development and embedded mode generate their keys', () => {
    expect(() => assertProductionKeys({})).not.toThrow();
    expect(() => assertProductionKeys({ NODE_ENV: 'development' })).not.toThrow();
  });

  it('the app itself does not start with NODE_ENV=production and no keys', async () => {
    await expect(AuthTestApp.start({ NODE_ENV: 'production' })).rejects.toThrow(
      /SIGNING_KEYS, TOTP_ENCRYPTION_KEY, ACTIVATION_LINK_KEY must be set in production/,
    );
  });
});
