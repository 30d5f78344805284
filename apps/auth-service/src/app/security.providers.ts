import { ApiScopes, scopesAllowedFor } from '@accounts/contracts';
import {
  AUTHORIZATION_SERVER_METADATA,
  type AuthorizationServerMetadata,
  ISSUER_KEYS,
  IssuerKeys,
  TOKEN_ISSUER,
  TOKEN_VERIFIER,
} from '@accounts/security';
import { createTokenVerifier, publicUrlOf, SERVICE_CONFIG } from '@accounts/service-kit';
import type { Provider } from '@nestjs/common';
import { assertProductionKeys } from './production-keys';
import type { AuthConfig } from '../config';

/** Names auth-service's key files in the data folder. */
export const AUTH_ISSUER = 'auth-service';
/** `client_id` of the tokens people get by signing in (RFC 9068): the account console, a public client. */
export const ACCOUNT_CONSOLE_CLIENT_ID = 'account-console';

/**
 * Signing keys: embedded mode keeps the ring in ${DATA_DIR}/keys/auth-service.private.json and
 * publishes the public set, with the issuer URL, as auth-service.jwks.json (the other services verify from that file).
 * The issuer (`iss`) is PUBLIC_URL, the same as in /.well-known/oauth-authorization-server.
 */
export const issuerProviders: Provider[] = [
  {
    provide: ISSUER_KEYS,
    useFactory: (config: AuthConfig) => {
      assertProductionKeys(config);
      return IssuerKeys.load({
        service: AUTH_ISSUER,
        dataDir: config.DATA_DIR,
        signingKeys: config.SIGNING_KEYS,
        issuer: publicUrlOf(config),
      });
    },
    inject: [SERVICE_CONFIG],
  },
  {
    provide: TOKEN_ISSUER,
    // Access tokens live 5 minutes (DESIGN.md); refresh extends a session, not a token.
    useFactory: (keys: IssuerKeys, config: AuthConfig) =>
      keys.issuer(publicUrlOf(config), config.JWT_AUDIENCE, 300, {
        clientId: ACCOUNT_CONSOLE_CLIENT_ID,
        personScopes: scopesAllowedFor,
      }),
    inject: [ISSUER_KEYS, SERVICE_CONFIG],
  },
  {
    provide: TOKEN_VERIFIER,
    // Depends on the keys so the JWKS file exists before the first verification reads it.
    useFactory: (config: AuthConfig, _keys: IssuerKeys) => createTokenVerifier(config),
    inject: [SERVICE_CONFIG, ISSUER_KEYS],
  },
  {
    provide: AUTHORIZATION_SERVER_METADATA,
    inject: [SERVICE_CONFIG],
    useFactory: (config: AuthConfig): AuthorizationServerMetadata => {
      const issuer = publicUrlOf(config);
      return {
        issuer,
        jwks_uri: `${issuer}/.well-known/jwks.json`,
        // People sign in with /auth/login (not an OAuth flow); refresh and revocation are standard grants.
        token_endpoint: `${issuer}/oauth/token`,
        token_endpoint_auth_methods_supported: ['none'],
        revocation_endpoint: `${issuer}/oauth/revoke`,
        revocation_endpoint_auth_methods_supported: ['none'],
        grant_types_supported: ['refresh_token'],
        response_types_supported: [],
        scopes_supported: ApiScopes,
        access_token_signing_alg_values_supported: ['EdDSA'],
        service_documentation: `${issuer}/docs`,
      };
    },
  },
];
