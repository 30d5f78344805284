import { ConfigError, loadConfig, trustedIssuersOf } from '@accounts/service-kit';
import { exposesActivationLinks, profileConfigSchema } from './config';

describe('profile-service configuration', () => {
  it('defaults to the embedded setup: auth-service keys in the data folder, audience accounts', () => {
    const config = loadConfig(profileConfigSchema, { DATA_DIR: '/data' });
    expect(config.PORT).toBe(3001);
    expect(config.JWT_AUDIENCE).toBe('accounts');
    // Both issuers of the machine: people's tokens and API credentials' tokens work in every service.
    expect(trustedIssuersOf(config)).toBe(
      'file:/data/keys/auth-service.jwks.json,file:/data/keys/credentials-service.jwks.json',
    );
    expect(exposesActivationLinks(config)).toBe(true);
  });

  it('hides activation links in production and with EventStoreDB', () => {
    expect(
      exposesActivationLinks(loadConfig(profileConfigSchema, { NODE_ENV: 'production' })),
    ).toBe(false);
    expect(
      exposesActivationLinks(
        loadConfig(profileConfigSchema, { EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113' }),
      ),
    ).toBe(false);
  });

  it('names every bad variable, never repeating the bootstrap token', () => {
    let error: unknown;
    try {
      loadConfig(profileConfigSchema, {
        TRUSTED_ISSUERS: 'nonsense',
        BOOTSTRAP_TOKEN: 'short',
        WEB_ORIGIN: 'ftp://x',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => p.variable)).toEqual([
      'BOOTSTRAP_TOKEN',
      'TRUSTED_ISSUERS',
      'WEB_ORIGIN',
    ]);
    expect((error as ConfigError).message).not.toContain('short');
  });

  it('accepts production issuer URLs', () => {
    const config = loadConfig(profileConfigSchema, {
      TRUSTED_ISSUERS:
        'auth-service=https://auth.example.com/.well-known/jwks.json,credentials-service=https://creds.example.com/.well-known/jwks.json',
    });
    expect(trustedIssuersOf(config)).toContain('credentials-service=');
  });
});
