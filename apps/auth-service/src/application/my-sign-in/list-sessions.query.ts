import type { Principal } from '@accounts/security';
import { Query } from '@nestjs/cqrs';

export interface SessionListItem {
  readonly id: string;
  readonly device: string | null;
  readonly ip: string | null;
  readonly startedAt: string;
  readonly lastActiveAt: string;
  readonly current: boolean;
}

/** GET /auth/me/sessions: the caller's open sessions, the one asking marked current. */
export class ListSessionsQuery extends Query<{ items: SessionListItem[] }> {
  constructor(readonly caller: Principal) {
    super();
  }
}
