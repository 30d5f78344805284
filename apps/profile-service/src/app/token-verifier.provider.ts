import { parseTrustedIssuers, TOKEN_VERIFIER, TokenVerifier } from '@accounts/security';
import { SERVICE_CONFIG } from '@accounts/service-kit';
import type { Provider } from '@nestjs/common';
import { type ProfileConfig, trustedIssuersOf } from '../config';

/** Access tokens are verified locally against the trusted issuers' public keys (TRUSTED_ISSUERS). */
export function tokenVerifierProvider(verifier?: TokenVerifier): Provider {
  if (verifier) return { provide: TOKEN_VERIFIER, useValue: verifier };
  return {
    provide: TOKEN_VERIFIER,
    useFactory: (config: ProfileConfig) => new TokenVerifier(parseTrustedIssuers(trustedIssuersOf(config)), config.JWT_AUDIENCE),
    inject: [SERVICE_CONFIG],
  };
}
