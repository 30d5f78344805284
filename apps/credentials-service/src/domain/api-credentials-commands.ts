import type { CredentialActor, CredentialPolicy } from './credential-actor';

/**
 * Randomness comes in through the command: the handler draws credentialId, clientId and the
 * secret, and passes only the secret's hash, so the decider stays pure and never sees a secret.
 */
export type GenerateApiCredential = {
  readonly type: 'GenerateApiCredential';
  readonly data: {
    readonly accountId: string;
    readonly credentialId: string;
    readonly clientId: string;
    readonly secretHash: string;
    /** As given by the caller; blank or absent means none. */
    readonly name?: string | null;
    /** ISO-8601 as given by the caller; absent means never. */
    readonly expiresAt?: string | null;
    /** As given by the caller (ApiScopes); absent means profile:read. */
    readonly scopes?: readonly unknown[] | null;
    /** The owner's account type from the accounts read model: administrator scopes need an administrator. */
    readonly ownerAccountType: string;
    readonly actor: CredentialActor;
    readonly policy: CredentialPolicy;
  };
};

export type RegenerateApiCredential = {
  readonly type: 'RegenerateApiCredential';
  readonly data: {
    readonly accountId: string;
    readonly credentialId: string;
    readonly secretHash: string;
    readonly actor: CredentialActor;
  };
};

export type RevokeApiCredential = {
  readonly type: 'RevokeApiCredential';
  readonly data: {
    readonly accountId: string;
    readonly credentialId: string;
    readonly actor: CredentialActor;
  };
};

export type ApiCredentialsCommand =
  | GenerateApiCredential
  | RegenerateApiCredential
  | RevokeApiCredential;
