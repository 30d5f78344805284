import { ISSUER_KEYS, IssuerKeys, TOKEN_VERIFIER, type TokenVerifier } from '@accounts/security';
import { createTokenVerifier, SERVICE_CONFIG } from '@accounts/service-kit';
import type { Provider } from '@nestjs/common';
import { resolve } from 'node:path';
import { TOKEN_ISSUER } from '../application/token/client-credentials-grant';
import type { CredentialsConfig } from '../config';
import { SERVICE_NAME } from './service-name';

/** Verifies the users' access tokens: TRUSTED_ISSUERS, by default auth-service's JWKS file in the data folder. */
export function tokenVerifierProvider(override?: TokenVerifier): Provider {
  return {
    provide: TOKEN_VERIFIER,
    inject: [SERVICE_CONFIG],
    useFactory: (config: CredentialsConfig) => {
      return override ?? createTokenVerifier(config);
    },
  };
}

/** This service's own signing keys (embedded: generated into DATA_DIR/keys; production: SIGNING_KEYS). */
export const issuerKeysProvider: Provider = {
  provide: ISSUER_KEYS,
  inject: [SERVICE_CONFIG],
  useFactory: (config: CredentialsConfig) => {
    if (config.EVENTSTORE_CONNECTION_STRING && !config.SIGNING_KEYS) {
      throw new Error('SIGNING_KEYS must be set when EVENTSTORE_CONNECTION_STRING is (every replica signs with the same keys)');
    }
    return IssuerKeys.load({ service: SERVICE_NAME, dataDir: resolve(config.DATA_DIR), signingKeys: config.SIGNING_KEYS });
  },
};

export const tokenIssuerProvider: Provider = {
  provide: TOKEN_ISSUER,
  inject: [ISSUER_KEYS, SERVICE_CONFIG],
  useFactory: (keys: IssuerKeys, config: CredentialsConfig) =>
    keys.issuer(SERVICE_NAME, config.JWT_AUDIENCE, config.ACCESS_TOKEN_TTL_SECONDS),
};
