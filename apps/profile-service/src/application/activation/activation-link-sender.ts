import type { AccountRegisteredData } from '@accounts/contracts';

/** A new account's one-time activation token, once its AccountRegistered event is stored. */
export interface PendingActivation {
  readonly accountId: string;
  readonly orgId: string;
  readonly userName: string;
  readonly email: string;
  readonly token: string;
  /** ISO-8601 UTC, as recorded in the event. */
  readonly expiresAt: string;
}

/** The activation a just-registered account waits for: its token (in clear, here only) and the event's facts. */
export function pendingActivation(
  registered: AccountRegisteredData,
  token: string,
): PendingActivation {
  const { accountId, orgId, userName, email, activation } = registered;
  return {
    accountId,
    orgId,
    userName,
    email,
    token,
    expiresAt: activation.expiresAt,
  };
}

/** What the API answer may say about the delivery; the link only where the sender allows it (development). */
export interface ActivationDelivery {
  readonly activationLink?: string;
}

/**
 * The seam where the activation token leaves profile-service. auth-service will own the activation
 * email; until then the embedded development sender hands the link back in the API answer.
 */
export interface ActivationLinkSender {
  send(activation: PendingActivation): Promise<ActivationDelivery>;
}

export const ACTIVATION_LINK_SENDER = Symbol('ACTIVATION_LINK_SENDER');

/** `<WEB_ORIGIN>/activate?token=<token>` */
export function activationLink(webOrigin: string, token: string): string {
  return `${webOrigin.replace(/\/+$/, '')}/activate?token=${encodeURIComponent(token)}`;
}
