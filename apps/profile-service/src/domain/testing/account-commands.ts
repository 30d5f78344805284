import type { AccountEvent } from '@accounts/contracts';
import type {
  ChangeAccountType,
  ChangeGroupRestriction,
  DisableAccount,
  EnableAccount,
  ProfileChanges,
  UpdateProfile,
} from '../account/account-commands';
import type { ActorFacts } from '../shared/actor';
import { adminActor, USER } from './fixtures';

/** Command builders for the account specs: by default an administrator acts on USER. */
export const changeAccountType = (
  accountType: string,
  actor: ActorFacts = adminActor(),
  accountId = USER,
): ChangeAccountType => ({
  type: 'ChangeAccountType',
  data: { accountId, actor, accountType },
});

export const changeGroupRestriction = (
  groupRestriction: unknown,
  actor: ActorFacts = adminActor(),
  accountId = USER,
): ChangeGroupRestriction => ({
  type: 'ChangeGroupRestriction',
  data: { accountId, actor, groupRestriction },
});

export const disableAccount = (
  actor: ActorFacts = adminActor(),
  reason?: string,
  accountId = USER,
): DisableAccount => ({
  type: 'DisableAccount',
  data: { accountId, actor, ...(reason === undefined ? {} : { reason }) },
});

export const enableAccount = (
  actor: ActorFacts = adminActor(),
  accountId = USER,
): EnableAccount => ({ type: 'EnableAccount', data: { accountId, actor } });

/** USER edits their own profile unless another actor is named. */
export const updateProfile = (
  changes: ProfileChanges,
  emailEditableByUsers = true,
  actorAccountId = USER,
): UpdateProfile => ({
  type: 'UpdateProfile',
  data: {
    accountId: USER,
    actor: { accountId: actorAccountId },
    emailEditableByUsers,
    changes,
  },
});

export const accountDisabled: AccountEvent = {
  type: 'AccountDisabled',
  data: { accountId: USER },
};

export const accountEnabled: AccountEvent = {
  type: 'AccountEnabled',
  data: { accountId: USER },
};
