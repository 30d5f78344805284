import { ISSUER_KEYS, IssuerKeys, TOKEN_VERIFIER } from '@accounts/security';
import { createTokenVerifier, SERVICE_CONFIG } from '@accounts/service-kit';
import type { Provider } from '@nestjs/common';
import { assertProductionKeys } from '../app/production-keys';
import type { AuthConfig } from '../config';

/** The issuer name other services list in TRUSTED_ISSUERS. */
export const AUTH_ISSUER = 'auth-service';
export const ACCESS_TOKEN_ISSUER = Symbol('ACCESS_TOKEN_ISSUER');

/**
 * Signing keys: embedded mode keeps the ring in ${DATA_DIR}/keys/auth-service.private.json and
 * publishes the public set as auth-service.jwks.json (profile-service verifies from that file).
 */
export const issuerProviders: Provider[] = [
  {
    provide: ISSUER_KEYS,
    useFactory: (config: AuthConfig) => {
      assertProductionKeys(config);
      return IssuerKeys.load({ service: AUTH_ISSUER, dataDir: config.DATA_DIR, signingKeys: config.SIGNING_KEYS });
    },
    inject: [SERVICE_CONFIG],
  },
  {
    provide: ACCESS_TOKEN_ISSUER,
    // Access tokens live 5 minutes (DESIGN.md); refresh extends a session, not a token.
    useFactory: (keys: IssuerKeys, config: AuthConfig) => keys.issuer(AUTH_ISSUER, config.JWT_AUDIENCE, 300),
    inject: [ISSUER_KEYS, SERVICE_CONFIG],
  },
  {
    provide: TOKEN_VERIFIER,
    // Depends on the keys so the JWKS file exists before the first verification reads it.
    useFactory: (config: AuthConfig, _keys: IssuerKeys) => createTokenVerifier(config),
    inject: [SERVICE_CONFIG, ISSUER_KEYS],
  },
];
