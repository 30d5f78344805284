import type { AuthenticationMethod, AuthenticatorEvent, ContactChannel } from '@accounts/contracts';
import { tolerateUnknownEvent } from '@accounts/event-sourcing';

export interface TrustedDevice {
  readonly deviceId: string;
  readonly tokenSha256: string;
  readonly label: string;
  readonly ip: string | null;
  readonly addedAt: string;
  readonly expiresAt: string;
  readonly revoked: boolean;
}

export interface PendingContactVerification {
  readonly channel: ContactChannel;
  readonly destination: string;
  readonly codeSha256: string;
  readonly expiresAt: string;
  readonly failedAttempts: number;
}

/** Instants of the codes sent and wrong codes of one channel's verification, oldest first (bounded). */
export interface VerificationLog {
  readonly sends: readonly string[];
  readonly failures: readonly string[];
}

/** A value proved by a code, and when (enrollment during a sign-in needs a proof made after it began). */
export interface Verified {
  readonly value: string;
  readonly at: string;
}

/** How one account signs in. Everything secret is a hash or a ciphertext. */
export interface AuthenticatorState {
  /** Null until the account is activated (first password set). */
  readonly passwordHash: string | null;
  readonly method: AuthenticationMethod;
  /** The confirmed TOTP secret (ciphertext), or null (never enrolled, or reset by an administrator). */
  readonly totp: {
    readonly encryptedSecret: string;
    readonly enrolledAt: string;
  } | null;
  /** A secret shown to the user and not confirmed yet. */
  readonly pendingTotp: {
    readonly encryptedSecret: string;
    readonly method: AuthenticationMethod;
  } | null;
  readonly verifiedEmail: Verified | null;
  readonly verifiedPhone: Verified | null;
  readonly pendingVerification: PendingContactVerification | null;
  /** Per channel, what the hourly limits of contact verification count. */
  readonly verificationLog: Readonly<Partial<Record<ContactChannel, VerificationLog>>>;
  readonly trustedDevices: readonly TrustedDevice[];
  /** The newest forgotten-password link; an older one stops working when a new one is sent. */
  readonly passwordReset: PasswordResetLink | null;
  /** When the last forgotten-password links were sent (for the per-account limit). */
  readonly resetRequestedAt: readonly string[];
  readonly recoveryCodes: RecoveryCodeSet | null;
  /** Optional security notices the user turned off. */
  readonly noticesOff: readonly string[];
}

export interface PasswordResetLink {
  readonly resetId: string;
  readonly tokenSha256: string;
  readonly expiresAt: string;
  readonly used: boolean;
}

export interface RecoveryCodeSet {
  readonly setId: string;
  readonly codeSha256s: readonly string[];
  readonly generatedAt: string;
  /** Indexes into codeSha256s of the codes already used. */
  readonly used: readonly number[];
}

export const initialAuthenticatorState = (): AuthenticatorState => ({
  passwordHash: null,
  method: 'password',
  totp: null,
  pendingTotp: null,
  verifiedEmail: null,
  verifiedPhone: null,
  pendingVerification: null,
  verificationLog: {},
  trustedDevices: [],
  passwordReset: null,
  resetRequestedAt: [],
  recoveryCodes: null,
  noticesOff: [],
});

const LOG_LENGTH = 20;
const logged = (
  state: AuthenticatorState,
  channel: ContactChannel,
  kind: keyof VerificationLog,
  at: string,
): AuthenticatorState['verificationLog'] => {
  const log = state.verificationLog[channel] ?? { sends: [], failures: [] };
  return {
    ...state.verificationLog,
    [channel]: { ...log, [kind]: [...log[kind], at].slice(-LOG_LENGTH) },
  };
};
/** A proved channel forgets its wrong codes; its sends still count. */
const provedChannel = (
  state: AuthenticatorState,
  channel: ContactChannel,
): AuthenticatorState['verificationLog'] => {
  const log = state.verificationLog[channel];
  return log
    ? { ...state.verificationLog, [channel]: { ...log, failures: [] } }
    : state.verificationLog;
};
const sentAtOf = (expiresAt: string) => new Date(Date.parse(expiresAt) - 10 * 60_000).toISOString();
/** Only the last few request times matter for the limit; the state stays small. */
const KEPT_RESET_REQUESTS = 10;

export function evolveAuthenticator(
  state: AuthenticatorState,
  event: AuthenticatorEvent,
): AuthenticatorState {
  switch (event.type) {
    case 'PasswordSet':
    case 'PasswordChanged':
    case 'PasswordRehashed':
      return { ...state, passwordHash: event.data.passwordHash };
    case 'AuthenticationMethodChanged':
      return { ...state, method: event.data.to };
    case 'ContactVerificationStarted': {
      const { channel, destination, codeSha256, expiresAt } = event.data;
      const pending = { channel, destination, codeSha256, expiresAt };
      const sentAt = event.data.sentAt ?? sentAtOf(expiresAt);
      // A new code replaces the old one; the wrong guesses still count (verificationLog).
      const failedAttempts =
        state.pendingVerification?.channel === channel
          ? state.pendingVerification.failedAttempts
          : 0;
      return {
        ...state,
        pendingVerification: { ...pending, failedAttempts },
        verificationLog: logged(state, channel, 'sends', sentAt),
      };
    }
    case 'ContactVerificationFailed': {
      const pending = state.pendingVerification;
      const failedAt = event.data.failedAt ?? (pending ? sentAtOf(pending.expiresAt) : undefined);
      const withLog = failedAt
        ? {
            ...state,
            verificationLog: logged(state, event.data.channel, 'failures', failedAt),
          }
        : state;
      return pending
        ? {
            ...withLog,
            pendingVerification: {
              ...pending,
              failedAttempts: event.data.failedAttempts,
            },
          }
        : withLog;
    }
    case 'EmailVerified': {
      const verifiedEmail = {
        value: event.data.email,
        at: event.data.verifiedAt,
      };
      return {
        ...state,
        verifiedEmail,
        pendingVerification: null,
        verificationLog: provedChannel(state, 'email'),
      };
    }
    case 'PhoneVerified': {
      const verifiedPhone = {
        value: event.data.mobilePhone,
        at: event.data.verifiedAt,
      };
      return {
        ...state,
        verifiedPhone,
        pendingVerification: null,
        verificationLog: provedChannel(state, 'sms'),
      };
    }
    case 'AuthenticatorEnrollmentStarted': {
      const { encryptedSecret, method } = event.data;
      return { ...state, pendingTotp: { encryptedSecret, method } };
    }
    case 'AuthenticatorEnrolled':
      return state.pendingTotp
        ? {
            ...state,
            totp: {
              encryptedSecret: state.pendingTotp.encryptedSecret,
              enrolledAt: event.data.enrolledAt,
            },
            pendingTotp: null,
          }
        : state;
    case 'AuthenticatorReset':
      return { ...state, totp: null, pendingTotp: null };
    case 'TrustedDeviceAdded': {
      // eslint-disable-next-line @typescript-eslint/no-unused-vars
      const { accountId, ...device } = event.data;
      return {
        ...state,
        trustedDevices: [...state.trustedDevices, { ...device, revoked: false }],
      };
    }
    case 'TrustedDeviceRevoked':
      return {
        ...state,
        trustedDevices: state.trustedDevices.map((device) =>
          device.deviceId === event.data.deviceId ? { ...device, revoked: true } : device,
        ),
      };
    case 'PasswordResetRequested': {
      const { resetId, tokenSha256, expiresAt } = event.data;
      return {
        ...state,
        passwordReset: { resetId, tokenSha256, expiresAt, used: false },
        resetRequestedAt: [...state.resetRequestedAt, event.data.requestedAt].slice(
          -KEPT_RESET_REQUESTS,
        ),
      };
    }
    case 'PasswordReset':
      return {
        ...state,
        passwordHash: event.data.passwordHash,
        passwordReset: state.passwordReset && {
          ...state.passwordReset,
          used: true,
        },
      };
    case 'RecoveryCodesGenerated': {
      const { setId, codeSha256s, generatedAt } = event.data;
      return {
        ...state,
        recoveryCodes: { setId, codeSha256s, generatedAt, used: [] },
      };
    }
    case 'RecoveryCodeUsed':
      return state.recoveryCodes?.setId === event.data.setId
        ? {
            ...state,
            recoveryCodes: {
              ...state.recoveryCodes,
              used: [...state.recoveryCodes.used, event.data.codeIndex],
            },
          }
        : state;
    case 'NoticePreferenceChanged': {
      const others = state.noticesOff.filter((n) => n !== event.data.notice);
      return {
        ...state,
        noticesOff: event.data.enabled ? others : [...others, event.data.notice],
      };
    }
    default:
      return tolerateUnknownEvent(event, state);
  }
}
