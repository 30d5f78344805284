import type { Principal } from './principal';

/**
 * Tokens that are validly signed and unexpired but must stop working now: their session ended
 * (sign-out, password change, revoked) or their account was disabled. Each service answers from
 * a read model of its own, fed by the events it already receives; no call on the request path.
 */
export interface TokenRevocations {
  /**
   * Why the principal's token no longer works ("session ended", "account disabled", "credential
   * revoked", "credential regenerated"), or undefined. `token.issuedAt`: its `iat` (epoch seconds).
   */
  revocationOf(principal: Principal, token?: TokenFacts): string | undefined;
}

/** What of the verified token itself, beyond the principal, a revocation may depend on. */
export interface TokenFacts {
  readonly issuedAt?: number;
}

export const TOKEN_REVOCATIONS = Symbol('TOKEN_REVOCATIONS');
