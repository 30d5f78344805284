/**
 * What a token from an API credential may do. A person signed in acts with the rights of their
 * account; an API credential acts only within the scopes chosen when it was generated, and never on
 * security settings (password, sign-in method, factors, sessions, email, credentials, account type,
 * organization security settings, authenticator resets), whatever its scopes.
 */
export const ApiScopes = [
  'profile:read',
  'profile:write',
  'accounts:read',
  'accounts:write',
  'audit:read',
] as const;
export type ApiScope = (typeof ApiScopes)[number];

/** Scopes only an administrator may put on a credential (and that a token keeps only while its owner is one). */
export const AdministratorScopes: readonly ApiScope[] = ['accounts:read', 'accounts:write'];

/** A credential generated before scopes existed (no `scopes` in its event) may read its own profile only. */
export const LegacyCredentialScopes: readonly ApiScope[] = ['profile:read'];

/** What a caller gets when generating a credential without choosing. */
export const DefaultCredentialScopes: readonly ApiScope[] = ['profile:read'];

export function isApiScope(value: unknown): value is ApiScope {
  return typeof value === 'string' && (ApiScopes as readonly string[]).includes(value);
}

/** The scopes an account of this type may hold, in the canonical order. */
export function scopesAllowedFor(accountType: string): ApiScope[] {
  return ApiScopes.filter(
    (s) => accountType === 'administrator' || !AdministratorScopes.includes(s),
  );
}
