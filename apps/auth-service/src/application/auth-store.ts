import { type Actor, AuthenticationEventSchemaVersions, type EventMetadata } from '@accounts/contracts';
import { type EventStore, type RecordedEvent } from '@accounts/event-store';
import {
  type CommandResult,
  type Decider,
  foldEvents,
  handleCommand,
  isWrongExpectedVersion,
  loadAggregate,
  concurrencyConflict,
  toNewEvent,
  type Message,
} from '@accounts/event-sourcing';
import { currentRequestContext, EVENT_STORE } from '@accounts/service-kit';
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  type AuthenticatorCommand,
  type AuthenticatorState,
  authenticatorDecider,
  authenticatorStreamId,
  type SignInGuardCommand,
  signInGuardDecider,
  signInGuardStreamId,
} from '../domain';

/** Event metadata from the HTTP request being handled (or a system correlation id outside one). */
export function metadataOf(actor: Actor, orgId: string | undefined): EventMetadata {
  const request = currentRequestContext();
  const correlationId = request?.correlationId ?? randomUUID();
  return {
    correlationId,
    causationId: correlationId,
    actor,
    ...(orgId && { orgId }),
    ...(request?.ip && { ip: request.ip }),
    ...(request?.userAgent && { userAgent: request.userAgent }),
  };
}

/** read -> fold -> decide -> append for auth-service's streams, with its schema versions. */
@Injectable()
export class AuthStore {
  constructor(@Inject(EVENT_STORE) readonly store: EventStore) {}

  run<S, C extends Message, E extends Message>(
    streamId: string,
    decider: Decider<S, C, E>,
    command: C,
    metadata: EventMetadata,
    now: Date = new Date(),
  ): Promise<CommandResult<S>> {
    return handleCommand(this.store, {
      streamId,
      decider,
      command,
      metadata,
      context: { now },
      schemaVersions: AuthenticationEventSchemaVersions,
    });
  }

  /** A command of the account's own sign-in setup, with the account holder as the actor. */
  runAuthenticator(account: { accountId: string; orgId: string }, command: AuthenticatorCommand, now: Date = new Date()) {
    return this.run(
      authenticatorStreamId(account.accountId),
      authenticatorDecider,
      command,
      metadataOf({ kind: 'user', accountId: account.accountId }, account.orgId),
      now,
    );
  }

  async authenticator(accountId: string): Promise<AuthenticatorState> {
    return (await loadAggregate(this.store, authenticatorStreamId(accountId), authenticatorDecider)).state;
  }

  async load<S, C extends Message, E extends Message>(streamId: string, decider: Decider<S, C, E>) {
    return loadAggregate(this.store, streamId, decider);
  }

  /**
   * The guard stream: only its last event is read (it carries the whole guard state), and the append
   * uses that revision, so concurrent attempts on one account are serialized.
   */
  async guard(command: SignInGuardCommand, metadata: EventMetadata, now: Date = new Date()): Promise<RecordedEvent[]> {
    const streamId = signInGuardStreamId(command.data.accountId);
    for (let attempt = 0; ; attempt++) {
      const last = await this.store.readStream(streamId, { direction: 'backwards', maxCount: 1 });
      const state = foldEvents(last, signInGuardDecider, signInGuardDecider.initialState());
      const events = signInGuardDecider.decide(command, state, { now });
      if (events.length === 0) return [];
      const revision = last.length ? last[0].revision : -1;
      try {
        await this.store.append(
          streamId,
          events.map((e) => toNewEvent(e, metadata, AuthenticationEventSchemaVersions, now)),
          revision === -1 ? 'no_stream' : revision,
        );
        return await this.store.readStream(streamId, { fromRevision: revision + 1, maxCount: events.length });
      } catch (error) {
        if (!isWrongExpectedVersion(error)) throw error;
        if (attempt >= 5) throw concurrencyConflict(streamId, attempt + 1);
      }
    }
  }
}
