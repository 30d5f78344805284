import {
  AuthenticationPublication,
  AuthenticationStreamPrefixes,
  Topics,
} from '@accounts/contracts';
import { kafkaRelayProvider } from '@accounts/service-kit';
import { ReadModels } from '../projections/read-models';

/** With KAFKA_BROKERS: auth-service's streams to accounts.authentication.v2, checkpoint in auth-service-read.sqlite. */
export const authRelayProvider = kafkaRelayProvider({
  serviceName: 'auth-service',
  topic: Topics.authentication,
  streamPrefixes: Object.values(AuthenticationStreamPrefixes),
  // Public events only: the explicit internal -> public decisions of libs/contracts/src/lib/public.
  publication: AuthenticationPublication,
  readModels: ReadModels,
  database: (readModels) => readModels.database,
});
