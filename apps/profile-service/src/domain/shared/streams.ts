/** Stream names of profile-service (DESIGN.md). */
export const organizationStreamId = (orgId: string): string =>
  `organization-${orgId}`;

export const accountStreamId = (accountId: string): string =>
  `account-${accountId}`;

/** One reservation stream per user name, compared case-insensitively. */
export const userNameStreamId = (userName: string): string =>
  `username-${userName.toLowerCase()}`;
