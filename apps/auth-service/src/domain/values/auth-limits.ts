/** Limits of the 6-digit codes sent by email or SMS (sign-in challenges and contact verification). */
export const OneTimeCodePolicy = {
  lifetimeSeconds: 10 * 60,
  /** Wrong guesses allowed per challenge; a resend does not give more. */
  maxAttempts: 5,
  /** New codes a sign-in challenge may ask for. */
  maxResends: 3,
  /** Contact verification, per channel and rolling hour: codes sent, and wrong codes however many were sent. */
  verificationSendsPerHour: 5,
  verificationFailuresPerHour: 5,
  verificationWindowSeconds: 60 * 60,
  /** Time to scan a QR code or confirm an address during a sign-in that must enroll. */
  enrollmentLifetimeSeconds: 15 * 60,
} as const;

/** How long a computer that passed the second factor stays trusted, unless configured otherwise. */
export const DefaultTrustedDeviceLifetimeSeconds = 30 * 24 * 60 * 60;

/** However active, a session ends after this long, unless configured otherwise. */
export const DefaultSessionAbsoluteLifetimeSeconds = 30 * 24 * 60 * 60;

/** Forgotten-password links: valid 30 minutes; at most 3 emails per account per 15 minutes. */
export const PasswordResetPolicy = {
  lifetimeSeconds: 30 * 60,
  maxRequests: 3,
  windowSeconds: 15 * 60,
} as const;

/** Recovery codes: 10 per set; regenerating them needs a sign-in at most this old. */
export const RecoveryCodePolicy = {
  count: 10,
  /** The answer warns from this many codes left. */
  warnAt: 3,
  recentSignInSeconds: 15 * 60,
} as const;
