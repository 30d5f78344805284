/** What /health and /metrics show about a relay. */
export interface RelayStatus {
  readonly name: string;
  readonly topic: string;
  readonly running: boolean;
  /** A producer is connected (false while Kafka is unreachable). */
  readonly connected: boolean;
  /** Checkpoint: position of the last event Kafka acknowledged. */
  readonly position: number;
  /** Newest position in the store; absent when the store does not answer. */
  readonly headPosition?: number;
  /** head - position, 0 when nothing of this relay's streams waits; absent when unknown. */
  readonly lag?: number;
  /** Events published since start (duplicates after a retry included). */
  readonly published: number;
  readonly lastPublishedAt?: string;
  /** The last failure, cleared by the next acknowledged batch. */
  readonly error?: string;
}
