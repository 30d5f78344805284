import type { Actor } from '@accounts/contracts';
import { randomUUID } from 'node:crypto';
import {
  type AuthenticatorCommand,
  authenticatorDecider,
  type ChallengeAnswer,
  type SignInGuardCommand,
  signInDecider,
  signInGuardDecider,
  signInGuardStreamId,
  signInStreamId,
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

/**
 * The answer to a sign-in's challenge (a code, an authenticator code or a recovery code), with fresh
 * ids for the session and the trusted computer it opens if the answer completes the sign-in.
 */
export function answerChallenge(
  challengeId: string,
  answer: ChallengeAnswer,
  account: { readonly accountId: string; readonly orgId: string; readonly enabled: boolean },
) {
  return {
    streamId: signInStreamId(challengeId),
    decider: signInDecider,
    command: {
      type: 'AnswerChallenge' as const,
      data: {
        signinId: challengeId,
        sessionId: randomUUID(),
        newTrustedDeviceId: randomUUID(),
        answer,
        accountEnabled: account.enabled,
      },
    },
    actor: { kind: 'user', accountId: account.accountId } satisfies Actor as Actor,
    orgId: account.orgId,
  };
}
