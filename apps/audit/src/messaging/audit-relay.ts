import { AuditPublication, AuditSealStream, AuditTopic } from '@accounts/contracts';
import { kafkaRelayProvider } from '@accounts/service-kit';
import { SERVICE_NAME } from '../app/service-name';
import { ReadModels } from '../projections/read-models';

/** With KAFKA_BROKERS: the audit-seals stream to accounts.audit.v1, checkpoint in audit-read.sqlite. */
export const auditRelayProvider = kafkaRelayProvider({
  serviceName: SERVICE_NAME,
  topic: AuditTopic,
  streamPrefixes: [AuditSealStream],
  // Public events only: the explicit internal -> public decisions of libs/contracts/src/lib/public.
  publication: AuditPublication,
  readModels: ReadModels,
  database: (readModels) => readModels.database,
});
