import {
  baseConfigSchema,
  type ConfigOf,
  int,
  kafkaConfigSchema,
  port,
  str,
  tokenVerificationConfigSchema,
} from '@accounts/service-kit';

/** Every environment variable the audit service reads; validated at start, documented in the README. */
export const auditConfigSchema = {
  ...baseConfigSchema,
  PORT: port({
    description: 'HTTP port the audit service listens on',
    default: 3004,
  }),
  ...tokenVerificationConfigSchema,
  ...kafkaConfigSchema,
  AUDIT_SEAL_INTERVAL_SECONDS: int({
    description:
      'How often the audit service appends an AuditSealed event covering the new events; 0 turns sealing on a schedule off',
    min: 0,
    max: 86_400 * 7,
    default: 3600,
  }),
  AUDIT_SERVICE_URLS: str({
    description:
      'Where GET /audit/accounts/:id/state asks each service for its part as of an instant: name=url, comma-separated (profile-service, auth-service, credentials-service)',
    default:
      'profile-service=http://127.0.0.1:3001,auth-service=http://127.0.0.1:3002,credentials-service=http://127.0.0.1:3003',
  }),
  AUDIT_INDEX_WAIT_MS: int({
    description:
      'How long a request waits for the account index to reach the store head before answering from what it has',
    min: 0,
    max: 60_000,
    default: 2000,
  }),
};

export type AuditConfig = ConfigOf<typeof auditConfigSchema>;
