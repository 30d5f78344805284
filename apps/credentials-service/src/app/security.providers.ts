import { ApiScopes } from '@accounts/contracts';
import {
  AUTHORIZATION_SERVER_METADATA,
  type AuthorizationServerMetadata,
  ISSUER_KEYS,
  IssuerKeys,
  TOKEN_ISSUER,
  TOKEN_VERIFIER,
  type TokenVerifier,
} from '@accounts/security';
import { createTokenVerifier, publicUrlOf, SERVICE_CONFIG } from '@accounts/service-kit';
import type { Provider } from '@nestjs/common';
import { resolve } from 'node:path';
import type { CredentialsConfig } from '../config';
import { SERVICE_NAME } from './service-name';

/** Verifies access tokens: TRUSTED_ISSUERS, by default the JWKS files auth-service and this service publish in the data folder. */
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
      throw new Error(
        'SIGNING_KEYS must be set when EVENTSTORE_CONNECTION_STRING is (every replica signs with the same keys)',
      );
    }
    return IssuerKeys.load({
      service: SERVICE_NAME,
      dataDir: resolve(config.DATA_DIR),
      signingKeys: config.SIGNING_KEYS,
      issuer: publicUrlOf(config),
    });
  },
};

export const tokenIssuerProvider: Provider = {
  provide: TOKEN_ISSUER,
  inject: [ISSUER_KEYS, SERVICE_CONFIG],
  useFactory: (keys: IssuerKeys, config: CredentialsConfig) =>
    keys.issuer(publicUrlOf(config), config.JWT_AUDIENCE, config.ACCESS_TOKEN_TTL_SECONDS),
};

/** RFC 8414 metadata: the issuer is PUBLIC_URL, the same as the tokens' `iss`. */
export const authorizationServerMetadataProvider: Provider = {
  provide: AUTHORIZATION_SERVER_METADATA,
  inject: [SERVICE_CONFIG],
  useFactory: (config: CredentialsConfig): AuthorizationServerMetadata => {
    const issuer = publicUrlOf(config);
    const clientAuth = ['client_secret_basic', 'client_secret_post'];
    return {
      issuer,
      token_endpoint: `${issuer}/oauth/token`,
      introspection_endpoint: `${issuer}/oauth/introspect`,
      jwks_uri: `${issuer}/.well-known/jwks.json`,
      grant_types_supported: ['client_credentials'],
      response_types_supported: [],
      token_endpoint_auth_methods_supported: clientAuth,
      introspection_endpoint_auth_methods_supported: clientAuth,
      scopes_supported: ApiScopes,
      access_token_signing_alg_values_supported: ['EdDSA'],
      service_documentation: `${issuer}/docs`,
    };
  },
};
