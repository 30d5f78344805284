import {
  AccountEvent,
  AccountType,
  AllGroups,
  DefaultSessionTimeout,
  GroupRestriction,
} from '@accounts/contracts';
import { CommandContext, DomainError } from '@accounts/event-sourcing';
import { parseIfGiven } from '../shared/parse-if-given';
import { parseAccountType } from '../values/account-type';
import { parseEmail } from '../values/email';
import { parseGroupRestriction } from '../values/group-restriction';
import { parseMobilePhone } from '../values/mobile-phone';
import { parseFirstName, parseLastName } from '../values/person-name';
import { parseSessionTimeout } from '../values/session-timeout';
import { DefaultTimeZone, parseTimeZone } from '../values/time-zone';
import { parseUserName } from '../values/user-name';
import { requireAdministrator } from './account-access';
import { activationOf } from './activation';
import type {
  NewAccountProfile,
  RegisterAccount,
  RegisterFirstAdministrator,
} from './account-commands';
import type { AccountState } from './account-state';

export function decideRegisterAccount(
  command: RegisterAccount,
  state: AccountState,
  ctx: CommandContext,
): AccountEvent[] {
  const { actor, orgId } = command.data;
  if (actor.orgId !== orgId) {
    throw new DomainError('not_found', 'PROFILE-org-not-found', 'Organization not found');
  }
  requireAdministrator(actor);
  const accountType = parseAccountType(command.data.accountType);
  const groupRestriction = parseGroupRestriction(command.data.groupRestriction);
  return [registered(command.data, state, ctx, accountType, groupRestriction)];
}

export function decideRegisterFirstAdministrator(
  command: RegisterFirstAdministrator,
  state: AccountState,
  ctx: CommandContext,
): AccountEvent[] {
  return [registered(command.data, state, ctx, 'administrator', AllGroups)];
}

function registered(
  given: NewAccountProfile & {
    accountId: string;
    orgId: string;
    activationTokenSha256: string;
    activationLinkId?: string;
  },
  state: AccountState,
  ctx: CommandContext,
  accountType: AccountType,
  groupRestriction: GroupRestriction,
): AccountEvent {
  if (state.status !== 'none') {
    throw new DomainError(
      'conflict',
      'PROFILE-account-exists',
      `Account ${given.accountId} already exists`,
    );
  }
  return {
    type: 'AccountRegistered',
    data: {
      accountId: given.accountId,
      orgId: given.orgId,
      userName: parseUserName(given.userName),
      firstName: parseFirstName(given.firstName),
      lastName: parseLastName(given.lastName),
      email: parseEmail(given.email),
      mobilePhone: parseMobilePhone(given.mobilePhone),
      timeZone: parseIfGiven(given.timeZone, parseTimeZone, DefaultTimeZone),
      sessionTimeout: parseIfGiven(
        given.sessionTimeout,
        parseSessionTimeout,
        DefaultSessionTimeout,
      ),
      accountType,
      groupRestriction,
      activation: activationOf(given.activationTokenSha256, ctx.now, given.activationLinkId),
    },
  };
}
