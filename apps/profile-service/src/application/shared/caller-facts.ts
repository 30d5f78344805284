import type { EventStore } from '@accounts/event-store';
import type { Principal } from '@accounts/security';
import {
  type AccountState,
  accountDecider,
  accountStreamId,
  type ActorFacts,
  DefaultTimeZone,
  organizationDecider,
  type OrganizationState,
  organizationStreamId,
} from '../../domain';
import { loadHistory } from './history';

/** What the rules need to know about the caller, read from the store (a token's accountType may be 5 minutes old). */
export interface CallerFacts {
  readonly actor: ActorFacts;
  /** The caller's own organization. */
  readonly organization: OrganizationState;
  /** The zone every time of the answer is also shown in: the caller's account setting. */
  readonly timeZone: string;
}

export async function loadCallerFacts(
  store: Pick<EventStore, 'readStream'>,
  principal: Principal,
): Promise<CallerFacts> {
  const [organization, account] = await Promise.all([
    loadHistory(store, organizationStreamId(principal.orgId), organizationDecider),
    loadHistory(store, accountStreamId(principal.accountId), accountDecider),
  ]);
  return callerFactsOf(principal, organization.state, account.state);
}

/** The facts from the caller's organization and account as this request already loaded them. */
export function callerFactsOf(
  principal: Principal,
  organization: OrganizationState,
  account: AccountState,
): CallerFacts {
  return {
    actor: {
      accountId: principal.accountId,
      orgId: principal.orgId,
      // Enabled administrators are recorded on the organization stream: the current truth.
      isAdministrator:
        organization.status === 'created' &&
        organization.administrators.includes(principal.accountId),
    },
    organization,
    timeZone: timeZoneOf(account),
  };
}

export function timeZoneOf(account: AccountState): string {
  return account.status === 'none' ? DefaultTimeZone : account.timeZone;
}

/** The caller's time zone alone, for answers that need no rights beyond membership. */
export async function loadCallerTimeZone(
  store: Pick<EventStore, 'readStream'>,
  principal: Principal,
): Promise<string> {
  const account = await loadHistory(store, accountStreamId(principal.accountId), accountDecider);
  return timeZoneOf(account.state);
}
