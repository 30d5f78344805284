import { CredentialsPublication, ApiCredentialsStreamPrefix, Topics } from '@accounts/contracts';
import { kafkaRelayProvider } from '@accounts/service-kit';
import { SERVICE_NAME } from '../app/service-name';
import { ReadModels } from '../projections/read-models';

/** With KAFKA_BROKERS: the apicredentials- streams to accounts.credentials.v2, checkpoint in credentials-service-read.sqlite. */
export const credentialsRelayProvider = kafkaRelayProvider({
  serviceName: SERVICE_NAME,
  topic: Topics.credentials,
  streamPrefixes: [ApiCredentialsStreamPrefix],
  // Public events only: the explicit internal -> public decisions of libs/contracts/src/lib/public.
  publication: CredentialsPublication,
  readModels: ReadModels,
  database: (readModels) => readModels.database,
});
