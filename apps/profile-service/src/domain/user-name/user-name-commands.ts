import type { Message } from '@accounts/event-sourcing';

/** Sent to stream `username-<lower(userName)>` (see userNameStreamId). */
export type ReserveUserName = Message<
  'ReserveUserName',
  { readonly userName: string; readonly accountId: string }
>;

export type ReleaseUserName = Message<
  'ReleaseUserName',
  { readonly userName: string; readonly accountId: string }
>;

export type UserNameCommand = ReserveUserName | ReleaseUserName;
