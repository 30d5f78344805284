import type {
  ApiCredentialGenerated,
  ApiCredentialRegenerated,
  ApiCredentialRevoked,
} from '@accounts/contracts';
import type {
  GenerateApiCredential,
  RegenerateApiCredential,
  RevokeApiCredential,
} from '../api-credentials-commands';
import { type CredentialActor, DEFAULT_CREDENTIAL_POLICY } from '../credential-actor';

/** Decider tests run at this instant; the owner signed in a minute before. */
export const NOW = new Date('2026-03-01T12:00:00.000Z');
export const at = { now: NOW };
const signedInAMinuteAgo = NOW.getTime() / 1000 - 60;

export const owner: CredentialActor = {
  accountId: 'ann',
  authTime: signedInAMinuteAgo,
  administersOwner: false,
};
export const admin: CredentialActor = {
  accountId: 'boss',
  authTime: signedInAMinuteAgo,
  administersOwner: true,
};
export const stranger: CredentialActor = {
  accountId: 'eve',
  authTime: signedInAMinuteAgo,
  administersOwner: false,
};

export function generate(
  credentialId: string,
  overrides: Partial<GenerateApiCredential['data']> = {},
): GenerateApiCredential {
  return {
    type: 'GenerateApiCredential',
    data: {
      accountId: 'ann',
      credentialId,
      clientId: `aci_${credentialId}`,
      secretHash: `hmac-sha256:hash-of-${credentialId}`,
      ownerAccountType: 'standard',
      actor: owner,
      policy: DEFAULT_CREDENTIAL_POLICY,
      ...overrides,
    },
  };
}

export function generated(
  credentialId: string,
  overrides: Partial<ApiCredentialGenerated['data']> = {},
): ApiCredentialGenerated {
  return {
    type: 'ApiCredentialGenerated',
    data: {
      accountId: 'ann',
      credentialId,
      clientId: `aci_${credentialId}`,
      name: null,
      expiresAt: null,
      secretHash: `hmac-sha256:hash-of-${credentialId}`,
      scopes: ['profile:read'],
      ...overrides,
    },
  };
}

export function regenerate(
  credentialId: string,
  actor: CredentialActor = owner,
  secretHash = 'hmac-sha256:new',
): RegenerateApiCredential {
  return {
    type: 'RegenerateApiCredential',
    data: { accountId: 'ann', credentialId, secretHash, actor },
  };
}

export function regenerated(
  credentialId: string,
  secretHash = 'hmac-sha256:new',
): ApiCredentialRegenerated {
  return { type: 'ApiCredentialRegenerated', data: { accountId: 'ann', credentialId, secretHash } };
}

export function revoke(credentialId: string, actor: CredentialActor = owner): RevokeApiCredential {
  return { type: 'RevokeApiCredential', data: { accountId: 'ann', credentialId, actor } };
}

export function revoked(
  credentialId: string,
  reason: ApiCredentialRevoked['data']['reason'] = 'removed-by-owner',
): ApiCredentialRevoked {
  return { type: 'ApiCredentialRevoked', data: { accountId: 'ann', credentialId, reason } };
}
