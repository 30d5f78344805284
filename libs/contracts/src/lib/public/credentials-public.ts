import { ApiCredentialRevocationReasons } from '../credentials/api-credential-events';
import { Topics } from '../topics';
import { instant, object, oneOfValues, orNull, text, type JsonSchema } from './json-schema';
import type { PublicEventContract } from './public-event';

/** Public events of accounts.credentials.v2, keyed by accountId. Never a secret nor its hash. */
const contract = (
  type: string,
  summary: string,
  data: Record<string, JsonSchema>,
): PublicEventContract => ({
  type,
  schemaVersion: 1,
  topic: Topics.credentials,
  key: 'accountId',
  summary,
  data: object({ accountId: text('The owner'), credentialId: text(), ...data }),
});

export const CredentialsPublicContracts = {
  ApiCredentialGenerated: contract('ApiCredentialGenerated', 'A REST API credential was created.', {
    clientId: text('Public half of the credential (HTTP Basic user name), e.g. aci_...'),
    name: orNull(text()),
    expiresAt: orNull(instant('null: never expires')),
  }),
  ApiCredentialRegenerated: contract(
    'ApiCredentialRegenerated',
    'A new secret replaced the old one, which stopped working at once.',
    {},
  ),
  ApiCredentialRevoked: contract(
    'ApiCredentialRevoked',
    'The credential stopped working for good.',
    {
      reason: oneOfValues(ApiCredentialRevocationReasons),
    },
  ),
} as const satisfies Record<string, PublicEventContract>;

/** `data` of the public events of accounts.credentials.v2 (v1 of each), for TypeScript consumers. */
export interface PublicApiCredentialGenerated {
  readonly accountId: string;
  readonly credentialId: string;
  readonly clientId: string;
  readonly name: string | null;
  readonly expiresAt: string | null;
}
export interface PublicApiCredentialRegenerated {
  readonly accountId: string;
  readonly credentialId: string;
}
export interface PublicApiCredentialRevoked {
  readonly accountId: string;
  readonly credentialId: string;
  readonly reason: (typeof ApiCredentialRevocationReasons)[number];
}
