import type { Message } from '@accounts/event-sourcing';
import type { ActorFacts } from '../shared/actor';

/** Raw values as received; the decider validates them (400 naming the field). */
export interface NewAccountProfile {
  readonly userName: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  /** Absent, null or '' for none. */
  readonly mobilePhone?: string | null;
  /** Defaults to UTC. */
  readonly timeZone?: string;
  /** Defaults to 30m. */
  readonly sessionTimeout?: string;
}

/** The handler generates the one-time token, gives it to the notifier, and passes only its hash here. */
interface Activation {
  /** Lowercase hex SHA-256 of the activation token. */
  readonly activationTokenSha256: string;
  /** What the token is derived from, recorded so that the notifier can rebuild the link. */
  readonly activationLinkId?: string;
}

/** POST /organizations/:orgId/accounts by an administrator of that organization. */
export type RegisterAccount = Message<
  'RegisterAccount',
  NewAccountProfile &
    Activation & {
      readonly accountId: string;
      readonly orgId: string;
      readonly actor: ActorFacts;
      readonly accountType: string;
      readonly groupRestriction: unknown;
    }
>;

/** The administrator created together with the organization (POST /organizations, already authorized). */
export type RegisterFirstAdministrator = Message<
  'RegisterFirstAdministrator',
  NewAccountProfile & Activation & { readonly accountId: string; readonly orgId: string }
>;

/** PATCH /accounts/me: only the fields present are considered. */
export interface ProfileChanges {
  readonly userName?: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly email?: string;
  /** null or '' removes the phone. */
  readonly mobilePhone?: string | null;
  readonly timeZone?: string;
  readonly sessionTimeout?: string;
}

/** The handler derives the confirmation link of a new address and passes only its hash here. */
export interface EmailChangeLink {
  readonly requestId: string;
  /** Lowercase hex SHA-256 of the token mailed to the new address. */
  readonly tokenSha256: string;
}

export type UpdateProfile = Message<
  'UpdateProfile',
  {
    readonly accountId: string;
    readonly actor: Pick<ActorFacts, 'accountId'>;
    /** The organization's "email editable by users" setting, read from its stream. */
    readonly emailEditableByUsers: boolean;
    readonly changes: ProfileChanges;
    /** Used only when the email really changes: the link that will confirm it. */
    readonly emailChangeLink?: EmailChangeLink;
  }
>;

/** POST /accounts/me/email/confirm: the token from the link mailed to the new address, as its hash. */
export type ConfirmEmailChange = Message<
  'ConfirmEmailChange',
  {
    readonly accountId: string;
    readonly actor: Pick<ActorFacts, 'accountId'>;
    readonly emailEditableByUsers: boolean;
    readonly tokenSha256: string;
  }
>;

/** DELETE /accounts/me/email/pending: the person withdraws the change; the link stops working. */
export type CancelEmailChange = Message<
  'CancelEmailChange',
  { readonly accountId: string; readonly actor: Pick<ActorFacts, 'accountId'> }
>;

export type ChangeAccountType = Message<
  'ChangeAccountType',
  {
    readonly accountId: string;
    readonly actor: ActorFacts;
    readonly accountType: string;
  }
>;

export type ChangeGroupRestriction = Message<
  'ChangeGroupRestriction',
  {
    readonly accountId: string;
    readonly actor: ActorFacts;
    readonly groupRestriction: unknown;
  }
>;

export type DisableAccount = Message<
  'DisableAccount',
  {
    readonly accountId: string;
    readonly actor: ActorFacts;
    readonly reason?: string;
  }
>;

export type EnableAccount = Message<
  'EnableAccount',
  { readonly accountId: string; readonly actor: ActorFacts }
>;

/** POST /accounts/:id/activation: a new activation link replaces the previous one. */
export type ReissueActivation = Message<
  'ReissueActivation',
  Activation & { readonly accountId: string; readonly actor: ActorFacts }
>;

export type AccountCommand =
  | ReissueActivation
  | RegisterAccount
  | RegisterFirstAdministrator
  | UpdateProfile
  | ConfirmEmailChange
  | CancelEmailChange
  | ChangeAccountType
  | ChangeGroupRestriction
  | DisableAccount
  | EnableAccount;
