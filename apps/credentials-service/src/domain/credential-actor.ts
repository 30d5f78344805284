/**
 * What the handler knows about the caller, passed in so rules stay pure. `administersOwner` comes
 * from the accounts read model (the caller is an enabled administrator of the owner's organization),
 * never from a token claim alone.
 */
export interface CredentialActor {
  readonly accountId: string;
  /** When the person signed in (epoch seconds, the token's auth_time). */
  readonly authTime: number;
  readonly administersOwner: boolean;
}

/** Limits from configuration, carried by the commands that need them. */
export interface CredentialPolicy {
  /** Credentials an account may hold at once (revoked ones do not count). */
  readonly maxCredentials: number;
}

export const DEFAULT_CREDENTIAL_POLICY: CredentialPolicy = { maxCredentials: 10 };
