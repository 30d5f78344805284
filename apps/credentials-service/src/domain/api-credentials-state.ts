import { tolerateUnknownEvent } from '@accounts/event-sourcing';
import { type CredentialsEvent, scopesOfGenerated } from '@accounts/contracts';

/** What the rules need of one credential: never its hash. */
export interface CredentialState {
  readonly credentialId: string;
  readonly clientId: string;
  readonly name: string | null;
  readonly status: 'active' | 'revoked';
  readonly expiresAt: string | null;
  readonly scopes: readonly string[];
}

export interface ApiCredentialsState {
  readonly credentials: Readonly<Record<string, CredentialState>>;
}

export const initialApiCredentialsState = (): ApiCredentialsState => ({ credentials: {} });

export function evolveApiCredentials(
  state: ApiCredentialsState,
  event: CredentialsEvent,
): ApiCredentialsState {
  switch (event.type) {
    case 'ApiCredentialGenerated': {
      const { credentialId, clientId, name, expiresAt } = event.data;
      const scopes = scopesOfGenerated(event.data);
      const credential: CredentialState = {
        credentialId,
        clientId,
        name,
        expiresAt,
        scopes,
        status: 'active',
      };
      return {
        credentials: { ...state.credentials, [credentialId]: credential },
      };
    }
    case 'ApiCredentialRegenerated':
      // Only the hash changed, and the rules never look at it.
      return state;
    case 'ApiCredentialRevoked': {
      const credential = state.credentials[event.data.credentialId];
      if (!credential) return state;
      return {
        credentials: {
          ...state.credentials,
          [credential.credentialId]: { ...credential, status: 'revoked' },
        },
      };
    }
    default:
      return tolerateUnknownEvent(event, state);
  }
}

/** Credentials that take a place within the limit: revoked ones do not. */
export function heldCredentials(state: ApiCredentialsState): CredentialState[] {
  return Object.values(state.credentials).filter((c) => c.status !== 'revoked');
}
