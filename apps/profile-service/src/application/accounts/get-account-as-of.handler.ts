import { DomainError, loadAggregateAsOf } from '@accounts/event-sourcing';
import type { EventStore } from '@accounts/event-store';
import { EVENT_STORE } from '@accounts/service-kit';
import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { accountDecider, accountInActorOrganization, accountStreamId } from '../../domain';
import { loadCallerFacts } from '../shared/caller-facts';
import { type AccountView, toAccountView } from './account-view';
import { GetAccountAsOfQuery } from './get-account-as-of.query';

/** Now and at an instant are folded by the same evolve, so the two answers cannot drift apart. */
@QueryHandler(GetAccountAsOfQuery)
export class GetAccountAsOfHandler implements IQueryHandler<GetAccountAsOfQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ caller, accountId, instant }: GetAccountAsOfQuery): Promise<AccountView> {
    const facts = await loadCallerFacts(this.store, caller);
    if (!facts.actor.isAdministrator) {
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
    const account = accountInActorOrganization(state, facts.actor);
    const times = {
      createdAt: events[0].occurredAt,
      updatedAt: events[events.length - 1].occurredAt,
    };
    return toAccountView(account, times, facts.timeZone);
  }
}
