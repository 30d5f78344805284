import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { SecurityNotices } from '../../domain';
import { AuthStore } from '../shared/auth-store';
import { OwnAccount } from '../shared/own-account';
import {
  ListNoticePreferencesQuery,
  type NoticePreferenceItem,
} from './list-notice-preferences.query';

@QueryHandler(ListNoticePreferencesQuery)
export class ListNoticePreferencesHandler implements IQueryHandler<ListNoticePreferencesQuery> {
  constructor(
    private readonly own: OwnAccount,
    private readonly auth: AuthStore,
  ) {}

  async execute({ caller }: ListNoticePreferencesQuery): Promise<{
    items: NoticePreferenceItem[];
  }> {
    const account = this.own.of(caller);
    const { noticesOff } = await this.auth.authenticator(account.accountId);
    return {
      items: Object.entries(SecurityNotices).map(([notice, { critical, description }]) => ({
        notice,
        description,
        critical,
        enabled: critical || !noticesOff.includes(notice),
      })),
    };
  }
}
