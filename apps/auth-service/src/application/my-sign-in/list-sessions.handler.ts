import type { EventStore } from '@accounts/event-store';
import { EVENT_STORE } from '@accounts/service-kit';
import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ProfileFacts } from '../../projections/profile-facts.queries';
import { ReadModels } from '../../projections/read-models';
import { SESSION_LIST } from '../../projections/sessions.projection';
import { ListSessionsQuery, type SessionListItem } from './list-sessions.query';
import { OwnAccount } from '../shared/own-account';

@QueryHandler(ListSessionsQuery)
export class ListSessionsHandler implements IQueryHandler<ListSessionsQuery> {
  constructor(
    private readonly own: OwnAccount,
    private readonly profiles: ProfileFacts,
    private readonly readModels: ReadModels,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ caller }: ListSessionsQuery): Promise<{ items: SessionListItem[] }> {
    this.own.of(caller);
    // The list holds every session started (or ended, or refreshed) before it was asked for: the
    // sign-in that gave the caller this token, and one on another device answered a moment ago. A
    // sign-in does not wait for the list (that would cost every sign-in a wait nobody may need); the
    // list waits here instead, where it is read, for what the store held when the request came.
    await this.readModels.waitFor(await this.store.headPosition(), SESSION_LIST);
    return {
      items: this.profiles.activeSessions(caller.accountId).map((s) => ({
        id: s.session_id,
        device: s.device,
        ip: s.ip,
        startedAt: s.started_at,
        lastActiveAt: s.last_active_at,
        current: s.session_id === caller.sessionId,
      })),
    };
  }
}
