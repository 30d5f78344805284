import type { EventStore } from '@accounts/event-store';
import { CommandRunner } from '@accounts/event-sourcing';
import { EVENT_STORE } from '@accounts/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { type AuthenticatorState, authenticatorDecider, authenticatorStreamId } from '../../domain';

/** What auth's use cases read before deciding: an account's sign-in setup. Writes go through the CommandRunner. */
@Injectable()
export class AuthStore {
  constructor(
    @Inject(EVENT_STORE) readonly store: EventStore,
    private readonly runner: CommandRunner,
  ) {}

  async authenticator(accountId: string): Promise<AuthenticatorState> {
    return (await this.runner.load(authenticatorStreamId(accountId), authenticatorDecider)).state;
  }
}
