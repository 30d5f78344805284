import { apiCredentialsStreamId } from '@accounts/contracts';
import type { EventStore } from '@accounts/event-store';
import { handleCommand } from '@accounts/event-sourcing';
import type { Principal } from '@accounts/security';
import { EVENT_STORE } from '@accounts/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { type ApiCredentialsCommand, apiCredentialsDecider, type ApiCredentialsState } from '../domain';
import { CredentialsReadModels } from '../projections/credentials-read-models';
import { CallerFacts } from './caller-facts';
import { CLOCK, type Clock } from './clock';
import { eventMetadata } from './event-metadata';

/** The one way commands reach an account's `apicredentials-<accountId>` stream. */
@Injectable()
export class ApiCredentialsStream {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly callers: CallerFacts,
    private readonly readModels: CredentialsReadModels,
  ) {}

  /**
   * read -> decide -> append (handleCommand), then waits until the read models hold the new
   * events: the very next token request sees a regenerated or revoked secret.
   */
  async decide(
    caller: Principal,
    command: ApiCredentialsCommand,
    options: { readonly maxRetries?: number } = {},
  ): Promise<ApiCredentialsState> {
    const { accountId } = command.data;
    const { state, position } = await handleCommand(this.store, {
      streamId: apiCredentialsStreamId(accountId),
      decider: apiCredentialsDecider,
      command,
      metadata: eventMetadata(caller, accountId, this.callers.orgOf(accountId, caller)),
      context: { now: this.clock() },
      maxRetries: options.maxRetries,
    });
    await this.readModels.waitFor(position);
    return state;
  }
}
