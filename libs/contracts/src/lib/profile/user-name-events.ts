import type { ProfileEventOf } from './event-shape';

/**
 * Stream `username-<lowercase user name>`: a reservation that makes user names unique server-wide,
 * compared case-insensitively. `userName` keeps the spelling the account chose.
 */
export interface UserNameReservedData {
  readonly userName: string;
  readonly accountId: string;
}

/** The name is free again; a later reservation appends after this event. */
export interface UserNameReleasedData {
  readonly userName: string;
  readonly accountId: string;
}

export type UserNameReserved = ProfileEventOf<'UserNameReserved', UserNameReservedData>;
export type UserNameReleased = ProfileEventOf<'UserNameReleased', UserNameReleasedData>;

export type UserNameEvent = UserNameReserved | UserNameReleased;
