/** What /health and /metrics show about one projection. */
export interface ProjectionStatus {
  readonly name: string;
  /** Version of the code. */
  readonly version: number;
  /** Version of the copy queries read; differs from `version` until a version-bump rebuild is swapped in. */
  readonly liveVersion: number;
  readonly generation: number;
  /** Checkpoint of the live copy. */
  readonly position: number;
  readonly headPosition?: number;
  /** Events of the store not yet reflected in the live copy (0 when caught up; undefined without a head). */
  readonly lag?: number;
  readonly caughtUp: boolean;
  readonly rebuilding: boolean;
  /** Checkpoint of the copy being rebuilt. */
  readonly rebuildPosition?: number;
  readonly parkedEvents: number;
  /** Last error that made the live worker resubscribe, if it has not recovered yet. */
  readonly error?: string;
  /** Maintained by another process of the service (a worker that only reads): see projectsInThisProcess. */
  readonly followed?: boolean;
}
