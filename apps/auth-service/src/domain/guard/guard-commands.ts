import type { SignInFailureFactor } from '@accounts/contracts';
import type { Message } from '@accounts/event-sourcing';

/** Commands of the `signinguard-<accountId>` stream (brute force and TOTP replay protection). */
interface OfAccount {
  readonly accountId: string;
  /** The client address key of the attempt (clientAddressKey); absent: `unknown`. */
  readonly address?: string;
}

/** Before any argon2 work: refused with 429 and Retry-After while this address is locked out of the account. */
export type CheckSignInAllowed = Message<'CheckSignInAllowed', OfAccount>;

/** A wrong password (signinId null) or a wrong email/SMS code of a sign-in. */
export type RecordSignInFailure = Message<
  'RecordSignInFailure',
  OfAccount & {
    readonly signinId: string | null;
    readonly factor: SignInFailureFactor;
  }
>;

/**
 * An authenticator code presented to a sign-in challenge, checked by the handler with otplib
 * (±1 step). Decided here because the last accepted step is the account's, whatever the flow.
 */
export type UseTotpCode = Message<
  'UseTotpCode',
  OfAccount & {
    readonly signinId: string;
    readonly totpValid: boolean;
    /** The time step the code matched (only meaningful when totpValid). */
    readonly timeStep: number;
  }
>;

/** Tokens were issued for this sign-in. */
export type RecordSignInSuccess = Message<
  'RecordSignInSuccess',
  OfAccount & { readonly signinId: string }
>;

export type SignInGuardCommand =
  | CheckSignInAllowed
  | RecordSignInFailure
  | UseTotpCode
  | RecordSignInSuccess;
