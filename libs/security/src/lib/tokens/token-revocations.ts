import type { Principal } from './principal';

/**
 * Tokens that are validly signed and unexpired but must stop working now: their session ended
 * (sign-out, password change, revoked) or their account was disabled. Each service answers from
 * a read model of its own, fed by the events it already receives; no call on the request path.
 */
export interface TokenRevocations {
  /** Why the principal's tokens no longer work ("session ended", "account disabled"), or undefined. */
  revocationOf(principal: Principal): string | undefined;
}

export const TOKEN_REVOCATIONS = Symbol('TOKEN_REVOCATIONS');
