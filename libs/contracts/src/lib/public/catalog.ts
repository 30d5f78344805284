import { AuditTopic, Topics, type TopicName } from '../topics';
import { AuditPublication } from './audit-publication';
import { AuditPublicContracts } from './audit-public';
import { AuthenticationPublication } from './authentication-publication';
import { AuthenticationPublicContracts } from './authentication-public';
import { CredentialsPublication } from './credentials-publication';
import { CredentialsPublicContracts } from './credentials-public';
import { ProfilePublication } from './profile-publication';
import { ProfilePublicContracts } from './profile-public';
import type { Publication } from './publication';
import type { PublicEventContract } from './public-event';

/** Each topic: its producing service, its public contracts and the publication table of its relay. */
export interface TopicCatalogEntry {
  readonly topic: TopicName;
  readonly producer: string;
  readonly description: string;
  readonly contracts: readonly PublicEventContract[];
  readonly publication: { readonly [internalType: string]: Publication<never> };
}

export const PublicTopicCatalog: readonly TopicCatalogEntry[] = [
  {
    topic: Topics.profile,
    producer: 'profile-service',
    description:
      'Organizations and their settings (key: orgId), accounts and their profile (key: accountId).',
    contracts: Object.values(ProfilePublicContracts),
    publication: ProfilePublication,
  },
  {
    topic: Topics.authentication,
    producer: 'auth-service',
    description:
      'Passwords set, sign-in methods, authenticator apps, trusted computers, sign-ins and sessions (key: accountId).',
    contracts: Object.values(AuthenticationPublicContracts),
    publication: AuthenticationPublication,
  },
  {
    topic: Topics.credentials,
    producer: 'credentials-service',
    description: 'REST API credentials generated, regenerated and revoked (key: accountId).',
    contracts: Object.values(CredentialsPublicContracts),
    publication: CredentialsPublication,
  },
  {
    topic: AuditTopic,
    producer: 'audit',
    description:
      'Seals of the event store: the running SHA-256 of every event up to a position, for a copy kept outside the store (key: chain).',
    contracts: Object.values(AuditPublicContracts),
    publication: AuditPublication,
  },
];

/** The contract of a public (type, version) on a topic, or undefined. */
export function publicContract(
  topic: string,
  type: string,
  schemaVersion: number,
): PublicEventContract | undefined {
  return PublicTopicCatalog.find((entry) => entry.topic === topic)?.contracts.find(
    (contract) => contract.type === type && contract.schemaVersion === schemaVersion,
  );
}
