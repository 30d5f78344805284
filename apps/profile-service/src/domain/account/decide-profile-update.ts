import type { AccountEvent } from '@accounts/contracts';
import { parseIfGiven } from '../shared/parse-if-given';
import { type CommandContext, DomainError } from '@accounts/event-sourcing';
import { parseEmail } from '../values/email';
import { parseMobilePhone } from '../values/mobile-phone';
import { parseFirstName, parseLastName } from '../values/person-name';
import { parseSessionTimeout } from '../values/session-timeout';
import { parseTimeZone } from '../values/time-zone';
import { parseUserName } from '../values/user-name';
import type { ProfileChanges, UpdateProfile } from './account-commands';
import { requestEmailChange } from './email-change';
import { requireEnabled } from './account-access';
import type { Account, AccountState } from './account-state';

/**
 * PATCH /accounts/me: every given value is validated first, then one event per changed field in a
 * fixed order (userName, firstName, lastName, email, mobilePhone, timeZone, sessionTimeout), all
 * appended together. Values equal to the current ones produce nothing. A new email is only
 * requested (AccountEmailChangeRequested): it becomes the address once its link is used.
 */
export function decideUpdateProfile(
  command: UpdateProfile,
  state: AccountState,
  ctx: CommandContext,
): AccountEvent[] {
  const account = ownAccount(command, state);
  requireEnabled(account);
  const { changes, emailEditableByUsers } = command.data;
  const next: Account = {
    ...account,
    userName: parseIfGiven(changes.userName, parseUserName, account.userName),
    firstName: parseIfGiven(changes.firstName, parseFirstName, account.firstName),
    lastName: parseIfGiven(changes.lastName, parseLastName, account.lastName),
    email: parseIfGiven(changes.email, parseEmail, account.email),
    mobilePhone: parseIfGiven(changes.mobilePhone, parseMobilePhone, account.mobilePhone),
    timeZone: parseIfGiven(changes.timeZone, parseTimeZone, account.timeZone),
    sessionTimeout: parseIfGiven(
      changes.sessionTimeout,
      parseSessionTimeout,
      account.sessionTimeout,
    ),
  };
  // Only an actual change is refused: a form that re-sends the current email still saves the rest.
  if (next.email !== account.email && !emailEditableByUsers) {
    throw new DomainError(
      'forbidden',
      'PROFILE-email-locked',
      "Your organization's settings do not allow users to change their email address; ask an administrator",
      { field: 'email' },
    );
  }
  return changedFields(account, next).map((event) =>
    event.type === 'AccountEmailChanged'
      ? emailChangeRequested(account, next.email, command, ctx)
      : event,
  );
}

/** Another address than the current one: mail it a link; a request for the pending address sends a new link. */
function emailChangeRequested(
  account: Account,
  email: string,
  command: UpdateProfile,
  ctx: CommandContext,
): AccountEvent {
  const link = command.data.emailChangeLink;
  // A programming error, not bad input: the handler derives the link for every request that may change the email.
  if (!link) throw new Error('UpdateProfile changing the email needs emailChangeLink');
  return requestEmailChange(account, email, link, ctx.now);
}

export function ownAccount(
  command: { data: { actor: { accountId: string } } },
  state: AccountState,
): Account {
  if (state.status === 'none') {
    throw new DomainError('not_found', 'PROFILE-account-not-found', 'Account not found');
  }
  if (command.data.actor.accountId !== state.accountId) {
    throw new DomainError(
      'forbidden',
      'PROFILE-not-own-account',
      'You can only edit your own profile',
    );
  }
  return state;
}

// The order events are appended in, whatever the order of the request's fields.
const FIELD_EVENTS = [
  ['userName', 'AccountUserNameChanged'],
  ['firstName', 'AccountFirstNameChanged'],
  ['lastName', 'AccountLastNameChanged'],
  ['email', 'AccountEmailChanged'],
  ['mobilePhone', 'AccountMobilePhoneChanged'],
  ['timeZone', 'AccountTimeZoneChanged'],
  ['sessionTimeout', 'AccountSessionTimeoutChanged'],
] as const satisfies readonly (readonly [keyof ProfileChanges, AccountEvent['type']])[];

function changedFields(before: Account, after: Account): AccountEvent[] {
  return FIELD_EVENTS.filter(([field]) => before[field] !== after[field]).map(
    ([field, type]) =>
      ({
        type,
        data: {
          accountId: before.accountId,
          from: before[field],
          to: after[field],
        },
      }) as AccountEvent,
  );
}
