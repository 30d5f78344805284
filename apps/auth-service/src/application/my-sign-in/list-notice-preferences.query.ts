import type { Principal } from '@accounts/security';
import { Query } from '@nestjs/cqrs';

export interface NoticePreferenceItem {
  readonly notice: string;
  readonly description: string;
  /** Critical notices are always sent. */
  readonly critical: boolean;
  readonly enabled: boolean;
}

/** GET /auth/me/notices: every security notice, and whether the caller receives it. */
export class ListNoticePreferencesQuery extends Query<{ items: NoticePreferenceItem[] }> {
  constructor(readonly caller: Principal) {
    super();
  }
}
