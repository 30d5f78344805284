import { emailChangeLinkToken } from '@accounts/security';
import { randomUUID } from 'node:crypto';
import type { EmailChangeLink } from '../../domain';

/**
 * Confirmation links of new addresses, derived from ACTIVATION_LINK_KEY (shared with auth-service,
 * whose notices reactor rebuilds the token from requestId to mail it). Only the hash is recorded.
 */
export class EmailChangeLinks {
  constructor(private readonly key: Buffer) {}

  issue(accountId: string): EmailChangeLink {
    const requestId = randomUUID();
    return {
      requestId,
      tokenSha256: emailChangeLinkToken(this.key, accountId, requestId).sha256,
    };
  }
}
