import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ProfileFacts } from '../../projections/profile-facts.queries';
import { ListSessionsQuery, type SessionListItem } from './list-sessions.query';
import { OwnAccount } from '../shared/own-account';

@QueryHandler(ListSessionsQuery)
export class ListSessionsHandler implements IQueryHandler<ListSessionsQuery> {
  constructor(
    private readonly own: OwnAccount,
    private readonly profiles: ProfileFacts,
  ) {}

  async execute({ caller }: ListSessionsQuery): Promise<{ items: SessionListItem[] }> {
    this.own.of(caller);
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
