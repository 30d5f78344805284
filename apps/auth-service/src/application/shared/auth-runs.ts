import type { Actor } from '@accounts/contracts';
import {
  type AuthenticatorCommand,
  authenticatorDecider,
  type SignInGuardCommand,
  signInGuardDecider,
  signInGuardStreamId,
  authenticatorStreamId,
} from '../../domain';

/** A command of the account's own sign-in setup, with the account holder as the actor. */
export function ownAuthenticator(
  account: { readonly accountId: string; readonly orgId: string },
  command: AuthenticatorCommand,
) {
  return {
    streamId: authenticatorStreamId(account.accountId),
    decider: authenticatorDecider,
    command,
    actor: { kind: 'user', accountId: account.accountId } satisfies Actor as Actor,
    orgId: account.orgId,
  };
}

/**
 * A command of an account's sign-in guard. Only the guard's last event is read (it carries the whole
 * guard state) and the append expects its revision, so concurrent attempts on one account are serialized.
 */
export function signInGuard(command: SignInGuardCommand, actor: Actor, orgId: string | undefined) {
  return {
    streamId: signInGuardStreamId(command.data.accountId),
    decider: signInGuardDecider,
    command,
    actor,
    orgId,
    load: 'last-event' as const,
  };
}
