import { TOKEN_VERIFIER, type TokenVerifier } from '@accounts/security';
import { createTokenVerifier, SERVICE_CONFIG } from '@accounts/service-kit';
import type { Provider } from '@nestjs/common';
import type { ProfileConfig } from '../config';

/** Access tokens are verified locally against the trusted issuers' public keys (TRUSTED_ISSUERS). */
export function tokenVerifierProvider(verifier?: TokenVerifier): Provider {
  if (verifier) return { provide: TOKEN_VERIFIER, useValue: verifier };
  return {
    provide: TOKEN_VERIFIER,
    useFactory: (config: ProfileConfig) => createTokenVerifier(config),
    inject: [SERVICE_CONFIG],
  };
}
