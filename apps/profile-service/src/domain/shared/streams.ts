import { ProfileStreamPrefixes as Prefix } from '@accounts/contracts';

/** Stream names of profile-service (DESIGN.md). */
export const organizationStreamId = (orgId: string): string => `${Prefix.organization}${orgId}`;

export const accountStreamId = (accountId: string): string => `${Prefix.account}${accountId}`;

/** One reservation stream per user name, compared case-insensitively. */
export const userNameStreamId = (userName: string): string =>
  `${Prefix.userName}${userName.toLowerCase()}`;
