import type { CredentialPolicy } from '../../domain';

/** DI token of the CredentialPolicy built from configuration. */
export const CREDENTIAL_POLICY = Symbol('CREDENTIAL_POLICY');

export type { CredentialPolicy };
