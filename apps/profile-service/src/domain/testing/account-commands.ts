import type { AccountEvent } from '@accounts/contracts';
import type {
  CancelEmailChange,
  ConfirmEmailChange,
  ChangeAccountType,
  ChangeGroupRestriction,
  DisableAccount,
  EnableAccount,
  ProfileChanges,
  UpdateProfile,
} from '../account/account-commands';
import type { ActorFacts } from '../shared/actor';
import { adminActor, TOKEN_SHA256, USER } from './fixtures';

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
    ...(changes.email !== undefined && { emailChangeLink: EMAIL_CHANGE_LINK }),
  },
});

/** The link the handler would derive for a request naming an email. */
export const EMAIL_CHANGE_LINK = {
  requestId: 'request-1',
  tokenSha256: TOKEN_SHA256,
};

export const confirmEmailChange = (
  tokenSha256: string = TOKEN_SHA256,
  emailEditableByUsers = true,
  actorAccountId = USER,
): ConfirmEmailChange => ({
  type: 'ConfirmEmailChange',
  data: {
    accountId: USER,
    actor: { accountId: actorAccountId },
    emailEditableByUsers,
    tokenSha256,
  },
});

export const cancelEmailChange = (actorAccountId = USER): CancelEmailChange => ({
  type: 'CancelEmailChange',
  data: { accountId: USER, actor: { accountId: actorAccountId } },
});

export const accountDisabled: AccountEvent = {
  type: 'AccountDisabled',
  data: { accountId: USER },
};

export const accountEnabled: AccountEvent = {
  type: 'AccountEnabled',
  data: { accountId: USER },
};
