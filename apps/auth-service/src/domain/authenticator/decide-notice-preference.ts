import type { AuthenticatorEvent } from '@accounts/contracts';
import { invalid } from '@accounts/event-sourcing';
import { isSecurityNotice, SecurityNotices } from '../values/security-notices';
import type { ChangeNoticePreference } from './authenticator-commands';
import type { AuthenticatorState } from './authenticator-state';

/** Optional notices can be turned off and on again; a critical one is always sent. */
export function decideChangeNoticePreference(
  { data }: ChangeNoticePreference,
  state: AuthenticatorState,
): AuthenticatorEvent[] {
  const { notice, enabled } = data;
  if (!isSecurityNotice(notice))
    throw invalid(
      'notice',
      'AUTH-notice-unknown',
      `notice must be one of ${Object.keys(SecurityNotices).join(', ')}`,
    );
  if (typeof enabled !== 'boolean')
    throw invalid('enabled', 'AUTH-notice-enabled-invalid', 'enabled must be true or false');
  if (SecurityNotices[notice].critical && !enabled)
    throw invalid(
      'enabled',
      'AUTH-notice-critical',
      `${notice} is a security-critical notice and cannot be turned off`,
    );
  if (state.noticesOff.includes(notice) !== enabled) return [];
  return [
    {
      type: 'NoticePreferenceChanged',
      data: { accountId: data.accountId, notice, enabled },
    },
  ];
}
