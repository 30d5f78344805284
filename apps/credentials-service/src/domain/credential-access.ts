import { DomainError } from '@accounts/event-sourcing';
import type { CredentialActor } from './credential-actor';

/** Secrets are only ever handed to the account they belong to. */
export function requireOwner(
  accountId: string,
  actor: CredentialActor,
  code: string,
  message: string,
): void {
  if (actor.accountId !== accountId) throw new DomainError('forbidden', code, message);
}
