import { AuthenticationStreamPrefixes, Topics } from '@accounts/contracts';
import { kafkaRelayProvider } from '@accounts/service-kit';
import { ReadModels } from '../projections/read-models';

/** With KAFKA_BROKERS: auth-service's streams to accounts.authentication.v1, checkpoint in auth-service-read.sqlite. */
export const authRelayProvider = kafkaRelayProvider({
  serviceName: 'auth-service',
  topic: Topics.authentication,
  streamPrefixes: Object.values(AuthenticationStreamPrefixes),
  readModels: ReadModels,
  database: (readModels) => readModels.database,
});
