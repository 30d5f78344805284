import { AuditSealStream, type AuditEvent } from '../audit/audit-events';
import { AuditPublicContracts as A, type PublicAuditSealed } from './audit-public';
import { published, type PublicationTable } from './publication';

/** The audit service's relay: its seals to accounts.audit.v1, field by field (a seal holds only hashes and positions). */
export const AuditPublication: PublicationTable<AuditEvent> = {
  AuditSealed: published(
    A.AuditSealed,
    (d): PublicAuditSealed => ({
      chain: AuditSealStream,
      fromPosition: d.fromPosition,
      toPosition: d.toPosition,
      count: d.count,
      previousHash: d.previousHash,
      hash: d.hash,
      positions: d.positions,
      fingerprints: d.fingerprints,
    }),
  ),
};
