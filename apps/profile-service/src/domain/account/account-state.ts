import type { AccountEvent, AccountRegisteredData } from '@accounts/contracts';
import { tolerateUnknownEvent } from '@accounts/event-sourcing';

/** A new address waiting for the person to use the link mailed to it; `email` stays the old one until then. */
export interface PendingEmail {
  readonly email: string;
  readonly requestId: string;
  readonly tokenSha256: string;
  readonly expiresAt: string;
}

/** The profile as registered (without the activation hash) and whether the account may be used. */
export type Account = Omit<AccountRegisteredData, 'activation'> & {
  readonly status: 'enabled' | 'disabled';
  /** Absent: no change of address is waiting. */
  readonly pendingEmail?: PendingEmail;
};

export type AccountState = { readonly status: 'none' } | Account;

export const initialAccountState = (): AccountState => ({ status: 'none' });

export function evolveAccount(state: AccountState, event: AccountEvent): AccountState {
  if (event.type === 'AccountRegistered') {
    // The activation hash is auth-service's business: the state (and GET /accounts/me) never holds it.
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const { activation, ...profile } = event.data;
    return { status: 'enabled', ...profile };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'AccountUserNameChanged':
      return { ...state, userName: event.data.to };
    case 'AccountFirstNameChanged':
      return { ...state, firstName: event.data.to };
    case 'AccountLastNameChanged':
      return { ...state, lastName: event.data.to };
    case 'AccountEmailChanged':
      return withoutPendingEmail({ ...state, email: event.data.to });
    case 'AccountEmailChangeRequested': {
      const { email, requestId, tokenSha256, expiresAt } = event.data;
      // A newer request replaces the pending one: only the newest link works.
      return {
        ...state,
        pendingEmail: { email, requestId, tokenSha256, expiresAt },
      };
    }
    case 'AccountEmailChangeCancelled':
      return state.pendingEmail?.requestId === event.data.requestId
        ? withoutPendingEmail(state)
        : state;
    case 'AccountMobilePhoneChanged':
      return { ...state, mobilePhone: event.data.to };
    case 'AccountTimeZoneChanged':
      return { ...state, timeZone: event.data.to };
    case 'AccountSessionTimeoutChanged':
      return { ...state, sessionTimeout: event.data.to };
    case 'AccountTypeChanged':
      return { ...state, accountType: event.data.to };
    case 'AccountGroupRestrictionChanged':
      return { ...state, groupRestriction: event.data.to };
    case 'AccountDisabled':
      return { ...state, status: 'disabled' };
    case 'AccountEnabled':
      return { ...state, status: 'enabled' };
    case 'AccountActivationReissued':
      // The activation is auth-service's concern; the profile does not change.
      return state;
    default:
      return tolerateUnknownEvent(event, state);
  }
}

function withoutPendingEmail(account: Account): Account {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { pendingEmail, ...rest } = account;
  return rest;
}
