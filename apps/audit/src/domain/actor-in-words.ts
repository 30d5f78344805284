import type { Actor } from '@accounts/contracts';
import { credentialInWords, type Names } from './names';

/** The actor as metadata records it; `credentialId` is set when an API credential acted. */
export type RecordedActor = Actor & { readonly credentialId?: string };

/**
 * "the user" when the account acted on itself, "administrator bob", "API credential ci (aci_…)",
 * "the system". `subjectAccountId` is the account whose history is read.
 */
export function actorInWords(
  actor: RecordedActor | undefined,
  subjectAccountId: string,
  names: Names,
): string {
  if (!actor || actor.kind === 'system') return 'the system';
  const name = actor.accountId ? (names.userNameOf(actor.accountId) ?? actor.accountId) : 'unknown';
  switch (actor.kind) {
    case 'user':
      return actor.accountId === subjectAccountId ? 'the user' : `user ${name}`;
    case 'admin':
      return `administrator ${name}`;
    case 'api':
      return actor.credentialId
        ? `API credential ${credentialInWords(names, actor.credentialId)}`
        : `an API credential of ${actor.accountId === subjectAccountId ? 'the user' : name}`;
    default:
      return String((actor as { kind: unknown }).kind);
  }
}
