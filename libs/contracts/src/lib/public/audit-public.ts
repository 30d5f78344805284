import { AuditTopic } from '../topics';
import { integer, listOf, object, oneOfValues, text } from './json-schema';
import type { PublicEventContract } from './public-event';

const HASH = { type: 'string', pattern: '^[0-9a-f]{64}$' };

/** Public events of accounts.audit.v1, keyed by `chain`. A seal holds hashes of events, never an event. */
export const AuditPublicContracts = {
  AuditSealed: {
    type: 'AuditSealed',
    schemaVersion: 1,
    topic: AuditTopic,
    key: 'chain',
    summary:
      'The audit service sealed the store: the running SHA-256 of every event (seals excepted) up to toPosition. ' +
      'Keep the seals: `audit verify --store` against your copy catches a rewrite of the seals themselves.',
    data: object({
      chain: oneOfValues(['audit-seals'], 'The seal chain of one event store (the key)'),
      fromPosition: integer(0, 'Exclusive: the previous seal ended here (0 for the first)'),
      toPosition: integer(1, 'Inclusive: the last position this seal covers'),
      count: integer(1, 'Events covered since position 0'),
      previousHash: {
        ...HASH,
        description: 'hash of the previous seal (64 zeros for the first)',
      },
      hash: {
        ...HASH,
        description: 'Running hash after the last event of this seal',
      },
      positions: listOf(
        {
          type: 'array',
          items: [integer(1), integer(1)],
          minItems: 2,
          maxItems: 2,
        },
        'The sealed positions as inclusive runs [first, last]',
      ),
      fingerprints: text(
        'Base64 of the first 8 bytes of the running hash after each sealed event, in position order',
      ),
    }),
  },
} as const satisfies Record<string, PublicEventContract>;

/** `data` of AuditSealed v1 on accounts.audit.v1, for TypeScript consumers. */
export interface PublicAuditSealed {
  readonly chain: 'audit-seals';
  readonly fromPosition: number;
  readonly toPosition: number;
  readonly count: number;
  readonly previousHash: string;
  readonly hash: string;
  readonly positions: readonly (readonly [number, number])[];
  readonly fingerprints: string;
}
