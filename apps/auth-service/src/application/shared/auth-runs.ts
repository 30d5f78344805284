import type { Actor } from '@accounts/contracts';
import type { CommandRunner, Decider, LoadedAggregate, Message } from '@accounts/event-sourcing';
import { randomUUID } from 'node:crypto';
import {
  type AuthenticatorCommand,
  authenticatorDecider,
  type ChallengeAnswer,
  type SignInGuardCommand,
  type SignInGuardState,
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
 * A stream this request has just named with a fresh random id (a sign-in, a session): it cannot exist
 * yet, so the command decides on the initial state without reading it. The append still expects no
 * stream, so the impossible collision would be a conflict, retried on what the store holds.
 */
export const freshStream = <State, Command extends Message, Event extends Message>(
  decider: Decider<State, Command, Event>,
): LoadedAggregate<State> => ({ state: decider.initialState(), revision: -1 });

/**
 * The guard of an account as one read (its last event): the password step checks it and records the
 * outcome on it (`loaded`), so a sign-in reads the guard once; a write made in between by another
 * attempt on the account is a conflict, and the retry reads afresh.
 */
export const loadSignInGuard = (
  runner: CommandRunner,
  accountId: string,
): Promise<LoadedAggregate<SignInGuardState>> =>
  runner.load(signInGuardStreamId(accountId), signInGuardDecider, { load: 'last-event' });

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
