import { activationLinkToken } from '@accounts/security';
import { randomUUID } from 'node:crypto';

export interface ActivationToken {
  /** Goes to the person only (the link), never to an event or a log line. */
  readonly token: string;
  /** Lowercase hex SHA-256 of the token: what AccountRegistered records. */
  readonly sha256: string;
  /** Recorded in AccountRegistered: with the key, the notifier rebuilds the token from it. */
  readonly linkId: string;
}

/** The activation tokens of new accounts, derived from ACTIVATION_LINK_KEY (shared with auth-service). */
export class ActivationTokens {
  constructor(private readonly key: Buffer) {}

  issue(accountId: string): ActivationToken {
    const linkId = randomUUID();
    return { ...activationLinkToken(this.key, accountId, linkId), linkId };
  }
}
