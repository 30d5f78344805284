import { DomainError, loadAggregateAsOf } from '@accounts/event-sourcing';
import type { EventStore } from '@accounts/event-store';
import type { Principal } from '@accounts/security';
import { EVENT_STORE } from '@accounts/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { accountDecider, accountInActorOrganization, accountStreamId } from '../../domain';
import { loadCallerFacts } from '../shared/caller-facts';
import { type AccountView, toAccountView } from './account-view';

/**
 * GET /accounts/:id[?at=]: an account of the caller's organization as it is, or as it was at an
 * instant, folded by the same evolve either way (the audit service's `state --at` composes this).
 */
@Injectable()
export class AccountAsOfReader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async read(principal: Principal, accountId: string, instant: number): Promise<AccountView> {
    const caller = await loadCallerFacts(this.store, principal);
    if (!caller.actor.isAdministrator) {
      throw new DomainError(
        'forbidden',
        'PROFILE-administrator-required',
        "Only an administrator of the organization reads another account's record",
      );
    }
    const { state, events } = await loadAggregateAsOf(
      this.store,
      accountStreamId(accountId),
      accountDecider,
      instant,
    );
    const account = accountInActorOrganization(state, caller.actor);
    const times = {
      createdAt: events[0].occurredAt,
      updatedAt: events[events.length - 1].occurredAt,
    };
    return toAccountView(account, times, caller.timeZone);
  }
}
