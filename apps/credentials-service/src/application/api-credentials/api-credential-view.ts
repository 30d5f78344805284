export type CredentialStatus = 'active' | 'revoked' | 'expired';

/** One credential as its owner (or an administrator) sees it: never a secret, never a hash. */
export interface ApiCredentialView {
  readonly id: string;
  readonly name: string | null;
  readonly clientId: string;
  readonly status: CredentialStatus;
  /** What its tokens may do. */
  readonly scopes: readonly string[];
  readonly createdAt: string;
  readonly lastRegeneratedAt: string | null;
  readonly lastUsedAt: string | null;
  readonly expiresAt: string | null;
  readonly revokedAt: string | null;
}

export interface ApiCredentialList {
  readonly accountId: string;
  readonly maxCredentials: number;
  readonly credentials: readonly ApiCredentialView[];
}
