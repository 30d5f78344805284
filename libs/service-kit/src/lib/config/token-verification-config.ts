import { join, resolve } from 'node:path';
import { parseTrustedIssuers, TokenVerifier } from '@accounts/security';
import { type ConfigVar, ConfigValueError } from './config-var';
import { int, str } from './config-vars';

/** The variables every service that verifies access tokens reads (all three). */
export const tokenVerificationConfigSchema = {
  TRUSTED_ISSUERS: trustedIssuersVar(),
  JWT_AUDIENCE: str({ description: 'Audience of the access tokens issued and accepted', default: 'accounts' }),
  RECENT_SIGN_IN_SECONDS: int({
    description:
      'How recent a sign-in must be (auth_time) to weaken an account: sign-in method, email, mobile phone, administrator security changes',
    min: 60,
    max: 86_400,
    default: 900,
  }),
};

/** TRUSTED_ISSUERS, or the embedded default: auth-service's public keys in the shared data folder. */
export function trustedIssuersOf(config: { readonly TRUSTED_ISSUERS?: string; readonly DATA_DIR: string }): string {
  return config.TRUSTED_ISSUERS ?? `auth-service=file:${join(resolve(config.DATA_DIR), 'keys', 'auth-service.jwks.json')}`;
}

export function createTokenVerifier(config: {
  readonly TRUSTED_ISSUERS?: string;
  readonly DATA_DIR: string;
  readonly JWT_AUDIENCE: string;
}): TokenVerifier {
  return new TokenVerifier(parseTrustedIssuers(trustedIssuersOf(config)), config.JWT_AUDIENCE);
}

function trustedIssuersVar(): ConfigVar<string | undefined> {
  return {
    description:
      'Issuers whose access tokens are accepted and where their public keys are: issuer=url or issuer=file:path, comma-separated; unset: auth-service=file:${DATA_DIR}/keys/auth-service.jwks.json (embedded)',
    expected: 'issuer=https://host/.well-known/jwks.json or issuer=file:/path/keys.json, comma-separated',
    optional: true,
    secret: false,
    parse(raw) {
      try {
        if (Object.keys(parseTrustedIssuers(raw)).length === 0) throw new Error('no issuer');
      } catch {
        throw new ConfigValueError('not a list of issuer=location');
      }
      return raw;
    },
  };
}
