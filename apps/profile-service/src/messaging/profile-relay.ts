import { ProfilePublication, ProfileStreamPrefixes, Topics } from '@accounts/contracts';
import { kafkaRelayProvider } from '@accounts/service-kit';
import { FIRST_ORGANIZATION_STREAM } from '../application/organizations/first-organization';
import { ReadModels } from '../projections/read-models';

/** profile-service's own streams: what its relay publishes to accounts.profile.v2. */
export const PROFILE_STREAM_PREFIXES = [
  ...Object.values(ProfileStreamPrefixes),
  FIRST_ORGANIZATION_STREAM,
] as const;

/** With KAFKA_BROKERS: the relay of the streams above, its checkpoint in profile-service-read.sqlite. */
export const profileRelayProvider = kafkaRelayProvider({
  serviceName: 'profile-service',
  topic: Topics.profile,
  streamPrefixes: PROFILE_STREAM_PREFIXES,
  // Public events only: the explicit internal -> public decisions of libs/contracts/src/lib/public.
  publication: ProfilePublication,
  readModels: ReadModels,
  database: (readModels) => readModels.database,
});
