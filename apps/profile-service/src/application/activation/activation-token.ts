import { createHash, randomBytes } from 'node:crypto';

export interface ActivationToken {
  /** 32 random bytes, base64url: goes to the person only (the link), never to an event or a log line. */
  readonly token: string;
  /** Lowercase hex SHA-256 of the token: what AccountRegistered records. */
  readonly sha256: string;
}

export function newActivationToken(): ActivationToken {
  const token = randomBytes(32).toString('base64url');
  return { token, sha256: createHash('sha256').update(token).digest('hex') };
}
