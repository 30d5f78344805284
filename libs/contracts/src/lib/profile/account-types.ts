/** What an account may do in its organization. */
export const AccountTypes = ['administrator', 'standard', 'read-only'] as const;
export type AccountType = (typeof AccountTypes)[number];

/**
 * Which device groups an account sees: every group, or only the named ones.
 * Group names are kept trimmed, without duplicates and sorted, so equal restrictions compare equal.
 */
export type GroupRestriction =
  | { readonly kind: 'all' }
  | { readonly kind: 'groups'; readonly groups: readonly string[] };

export const AllGroups: GroupRestriction = { kind: 'all' };
