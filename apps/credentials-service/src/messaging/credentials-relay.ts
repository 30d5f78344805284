import { ApiCredentialsStreamPrefix, Topics } from '@accounts/contracts';
import { kafkaRelayProvider } from '@accounts/service-kit';
import { SERVICE_NAME } from '../app/service-name';
import { CredentialsReadModels } from '../projections/credentials-read-models';

/** With KAFKA_BROKERS: the apicredentials- streams to accounts.credentials.v1, checkpoint in credentials-service-read.sqlite. */
export const credentialsRelayProvider = kafkaRelayProvider({
  serviceName: SERVICE_NAME,
  topic: Topics.credentials,
  streamPrefixes: [ApiCredentialsStreamPrefix],
  readModels: CredentialsReadModels,
  database: (readModels) => readModels.database,
});
